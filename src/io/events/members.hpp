// detente/io/events/members.hpp (internal to the event readers)
//
// Zip and gzip members inflated whole with libdeflate, which decodes about twice as fast
// as zlib but only whole buffers. GDELT ships its events as zip files of a few MB each, so
// a file whose members are all small (kWholeMemberMax uncompressed) is read into memory,
// its zip central directory (or gzip trailer) gives each member's size, and each member is
// inflated into one buffer that the parser threads read in place; its CRC-32 is checked.
// A zip with a larger member, or larger than kWholeMemberMax itself, has its members
// streamed from the file by igzip (raw deflate, CRC-32 and size checked at each member's
// end). Anything else — zip64, encryption, a method other than stored/deflate, a member that
// does not inflate or whose CRC does not match — is handed from that member on to a
// streaming source (igzip for gzip, libarchive otherwise), so that damaged archives are
// reported exactly as the streamed reader reports them (the rows before the damage are kept,
// then the error).
//
// A large gzip file is inflated as a stream by ISA-L's igzip (also about twice zlib's speed),
// which, unlike libarchive's gzip filter, checks every member's CRC-32.
//
// Memory: the compressed file plus its largest member, at most 2 x kWholeMemberMax; a
// streamed zip, 1 MB.
// Cost: O(compressed + uncompressed bytes).
#pragma once

#include <memory>
#include <string>

#include "io/events/source.hpp"

namespace detente::events::detail {

// Largest file and largest member inflated whole; larger ones are streamed.
constexpr std::size_t kWholeMemberMax = std::size_t{16} << 20;

// A source for the zip or gzip file open as `fd` (`size` bytes), or nullptr when the caller
// is to stream it (a gzip file larger than `whole_max`, a zip whose directory cannot be read
// or that is too large and has a member not decoded here, bzip2/xz/zstd). Members and files
// up to `whole_max` bytes (0: kWholeMemberMax) are inflated whole; the members of a larger
// zip, or of a zip with a member larger than that, are streamed from the file by igzip
// (ZipStreamSource). Takes ownership of fd only when it returns a source.
std::unique_ptr<Source> open_member_source(int fd, std::size_t size, std::size_t whole_max = 0);

// A gzip file (of any size) inflated by ISA-L's igzip as a stream, members in turn, each
// one's CRC-32 checked; takes ownership of fd. nullptr (fd kept) for a .tar.gz, which libarchive
// reads entry by entry. Memory: a 1 MB input buffer and zlib's window.
std::unique_ptr<Source> open_gzip_stream_source(int fd);

}  // namespace detente::events::detail
