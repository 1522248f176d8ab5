// libFuzzer target: event files read as InputFormat::auto_detect (fuzz/events_target.hpp).
#include "events_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return detente::fuzz::read_events(data, size, detente::events::InputFormat::auto_detect);
}
