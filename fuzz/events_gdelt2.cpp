// libFuzzer target: event files read as InputFormat::gdelt2 (events::read_event_bytes), in small
// blocks so that rows cross block boundaries; compressed inputs go through libarchive.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/events/event_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const std::string_view bytes = fuzz::as_text(data, size);
  events::ReadOptions options;
  options.format = events::InputFormat::gdelt2;
  options.block_bytes = 256;
  std::size_t touched = 0;
  fuzz::expect_result_or_input_error([&] {
    events::read_event_bytes(bytes, "fuzz.txt", options, [&](const events::EventRow& r, int) {
      for (std::string_view v : {r.actor1_code, r.actor2_code, r.actor1_country, r.actor2_country,
                                 r.actor1_geo, r.actor2_geo, r.action_geo, r.event_code, r.url})
        fuzz::touch(v, touched);
    });
  });
  return 0;
}
