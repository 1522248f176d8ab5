// detente/sim/shard.hpp
//
// Shard files: the partial tally of one shard of an ensemble (`detente simulate … --shard
// I/K --records FILE`), merged by `detente merge FILES…` into exactly the output one
// process prints. The format (JSON, "format": "detente-shard", "version": 1) is specified
// in docs/shard-format.md. A file is written atomically and fully validated when read;
// shards merge only when they are of the same scenario (model fingerprint), seed, run
// count and shard count, and cover every shard exactly once.
//
// Example:
//   write_shard("part-2.json", tally);                     // header.shard = 2, shards = 3
//   EnsembleTally all = merge_shards({"part-1.json", "part-2.json", "part-3.json"});
//   std::cout << text_table(summarise(all));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/tally.hpp"

namespace detente::sim {

inline constexpr int kShardVersion = 1;

// The tally as shard-file text, and back; `file` names the source in errors (InputError).
// `complete`: the tally must hold every run of its shard (false for an MPI rank's part).
std::string shard_text(const EnsembleTally& tally);
EnsembleTally parse_shard(std::string_view text, const std::string& file, bool complete = true);

void write_shard(const std::string& path, const EnsembleTally& tally);
EnsembleTally read_shard(const std::string& path);

// Adds up tallies of the shards 1..K of one ensemble (files[i] names tallies[i] in errors):
// every shard exactly once, all of the same ensemble. The result is shard 1 of 1.
EnsembleTally merge_tallies(std::vector<EnsembleTally> tallies,
                            const std::vector<std::string>& files);
EnsembleTally merge_shards(const std::vector<std::string>& files);

}  // namespace detente::sim
