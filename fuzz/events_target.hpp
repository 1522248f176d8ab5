// The body of every event-file fuzz target (fuzz/events_*.cpp): the fuzzer's bytes read
// as `format` by events::read_event_bytes in 256-byte blocks, so that rows cross block
// boundaries (compressed inputs go through libarchive), every field of every row touched.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "io/events/event_reader.hpp"

namespace detente::fuzz {

inline int read_events(const std::uint8_t* data, std::size_t size, events::InputFormat format) {
  const std::string_view bytes = as_text(data, size);
  events::ReadOptions options;
  options.format = format;
  options.block_bytes = 256;
  std::size_t touched = 0;
  expect_result_or_input_error([&] {
    events::read_event_bytes(bytes, "fuzz.txt", options, [&](const events::EventRow& r, int) {
      for (std::string_view v : {r.actor1_code, r.actor2_code, r.actor1_country, r.actor2_country,
                                 r.actor1_geo, r.actor2_geo, r.action_geo, r.event_code, r.url})
        touch(v, touched);
    });
  });
  return 0;
}

}  // namespace detente::fuzz
