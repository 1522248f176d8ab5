// detente/io/events/pipeline.hpp (internal to the event readers)
//
// The block pipeline behind read_events: each input (file, archive entry, stdin) is read in
// blocks of a few MB cut at line ends; the blocks go to `options.threads` parser threads
// (each worker parses whole blocks of consecutive rows) and the bad rows are put back in
// input order with their line numbers. Memory is O(threads x block size).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/events/event_reader.hpp"

namespace detente::events::detail {

// Reads `inputs` one after another through one pipeline (see read_events for the contract).
ReadStats run_pipeline(const std::vector<std::string>& inputs, const ReadOptions& options,
                       const RowVisitor& visit);
// The same for bytes in memory (plain or compressed) named `name` in reports.
ReadStats run_pipeline_memory(std::string_view bytes, const std::string& name,
                              const ReadOptions& options, const RowVisitor& visit);

}  // namespace detente::events::detail
