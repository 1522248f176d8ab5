// libFuzzer target: the event readers' file paths (events::read_events on a path), which
// the in-memory targets do not reach: a plain file mapped and parsed in place, zip and gzip
// members inflated whole by libdeflate with their CRC-32 checked, larger gzip files and zip
// members streamed by igzip, and the hand-over to the streaming readers at a damaged member.
// An input of odd length is read with whole_member_bytes = 256, so that small inputs reach
// the streamed paths too. The bytes go to an anonymous in-memory file (memfd_create), read
// as /proc/self/fd/N: nothing is written to disk. Two threads, so that blocks of one file
// are parsed in parallel.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "io/events/event_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace detente;
  const int fd = memfd_create("fuzz-events", 0);
  if (fd < 0) return 0;
  std::size_t written = 0;
  while (written < size) {
    const ssize_t k = write(fd, data + written, size - written);
    if (k <= 0) break;
    written += static_cast<std::size_t>(k);
  }
  if (written == size) {
    events::ReadOptions options;
    options.threads = 2;
    options.block_bytes = 4096;
    options.whole_member_bytes = size % 2 ? 256 : 0;
    std::size_t touched[2] = {0, 0};  // one per worker thread
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    fuzz::expect_result_or_input_error([&] {
      events::read_events({path}, options, [&](const events::EventRow& r, int worker) {
        fuzz::touch(r.event_code, touched[worker & 1]);
        fuzz::touch(r.actor1_country, touched[worker & 1]);
      });
    });
  }
  close(fd);
  return 0;
}
