// The block pipeline of the event readers: reading, cutting, dispatch to parser threads
// and ordered bad-row reports (see pipeline.hpp).
#include "io/events/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <utility>

#include "core/parallel.hpp"
#include "io/events/detect.hpp"
#include "io/events/row_parser.hpp"
#include "io/events/source.hpp"

namespace detente::events::detail {

namespace {

struct Entry {
  std::string name;
  InputFormat format = InputFormat::auto_detect;
  mutable std::atomic<std::int64_t> good{0};  // good rows, summed by the workers
};

struct Block {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t size = 0;
  std::shared_ptr<const Entry> entry;
  std::size_t seq = 0;
  bool skip_first = false;     // header line
  std::size_t skip_bytes = 0;  // a byte-order mark before the first line
};

struct PendingBad {
  std::size_t seq;
  std::int64_t local_line;  // 1-based within the block
  BadRow row;
};

struct WorkerState {
  ReadStats stats;
  std::vector<PendingBad> bad;
  std::vector<std::pair<std::size_t, std::int64_t>> lines_per_block;  // (seq, lines)
};

class Pipeline {
 public:
  Pipeline(const ReadOptions& o, const RowVisitor& v) : opt_(o), visit_(v) {
    threads_ = std::max(1, (o.strict ? 1 : o.threads));
    workers_.resize(static_cast<std::size_t>(threads_));
    block_size_ = o.block_bytes > 0 ? o.block_bytes : kBlockSize;
  }

  ReadStats run(const std::vector<std::string>& inputs) {
    if (opt_.progress) {
      // The total is the regular files' size (unknown for standard input and pipes).
      std::uintmax_t bytes = 0;
      for (const auto& path : inputs) {
        std::error_code ec;
        if (path != "-" && std::filesystem::is_regular_file(path, ec))
          bytes += std::filesystem::file_size(path, ec);
      }
      progress_ = std::make_unique<ProgressTask>(opt_.progress, "reading events",
                                                 static_cast<std::size_t>(bytes / 1'000'000), "MB");
    }
    return run_with([&] {
      for (const auto& path : inputs) {
        if (stop_.load()) break;
        read_input(path);
      }
    });
  }

  ReadStats run_memory(std::string_view bytes, const std::string& name) {
    return run_with([&] {
      std::unique_ptr<Source> src;
      try {
        src = open_memory_source(bytes);
      } catch (const std::exception& e) {
        source_error(name, BadKind::truncated, e.what());
        return;
      }
      read_opened(*src, name);
    });
  }

 private:
  // Starts the parser threads, runs `read` (which dispatches blocks), joins and reports.
  template <typename Read>
  ReadStats run_with(Read&& read) {
    if (threads_ <= 1) {
      read();
    } else {
      // Worker 0 (this thread) reads and dispatches blocks; workers 1… parse them.
      parallel_workers(threads_ + 1, [&](int w) {
        if (w > 0) return worker_loop(w - 1);
        struct EndOfInput {  // even when `read` throws, so that no parser waits forever
          Pipeline& p;
          ~EndOfInput() {
            {
              std::lock_guard lk(p.mu_);
              p.done_ = true;
            }
            p.cv_work_.notify_all();
          }
        } end{*this};
        read();
      });
    }
    if (progress_) progress_->finish();
    return finish();
  }

  // Reads one input (all entries of an archive) into blocks.
  void read_input(const std::string& path) {
    std::string display = path == "-" ? "<stdin>" : path;
    if (auto mapped = MappedFile::open(path)) return read_mapped(*mapped, display);
    std::unique_ptr<Source> src;
    try {
      src = open_source(path, opt_.whole_member_bytes);
    } catch (const std::exception& e) {
      source_error(display, BadKind::unreadable, fmt::format("cannot open: {}", e.what()));
      no_rows_.push_back(display);
      return;
    }
    read_opened(*src, display);
  }

  void read_opened(Source& source, const std::string& display) {
    Source* src = &source;
    reader_stats_.files += 1;
    std::string entry_name;
    const std::size_t entries_before = entries_.size();
    for (;;) {
      bool has;
      try {
        has = src->next_entry(entry_name);
      } catch (const std::exception& e) {
        source_error(display, BadKind::truncated, e.what());
        return;
      }
      if (!has) {
        if (entries_.size() == entries_before) no_rows_.push_back(display);  // empty archive
        break;
      }
      std::string name = display;
      bool archive = src->is_archive();
      // libarchive names the single entry of a bare gzip/xz stream "data".
      if (archive && entry_name != "data" && !entry_name.empty()) name = display + ":" + entry_name;
      if (std::string_view whole = src->whole(); !whole.empty()) {
        reader_stats_.bytes += static_cast<std::int64_t>(whole.size());
        read_in_place(whole.data(), whole.size(), name, nullptr);
        show_progress(*src);
      } else if (!read_entry(*src, name)) {
        return;
      }
      if (stop_.load()) return;
    }
    base_consumed_ += src->consumed();
  }

  // A plain file, mapped: its blocks are parsed where they lie, with no copy, by all the
  // parser threads at once (each takes the next block; a block's lines are those that
  // start in it). Block numbers are given out in file order beforehand, so the reports
  // and line numbers are those of the streamed path.
  void read_mapped(const MappedFile& file, const std::string& name) {
    reader_stats_.files += 1;
    reader_stats_.bytes += static_cast<std::int64_t>(file.size());
    read_in_place(file.data(), file.size(), name, &file);
    base_consumed_ += static_cast<std::int64_t>(file.size());
  }

  // Parses `size` bytes at `data` (followed by kPad readable bytes) as one entry, on every
  // parser thread; `file`, when given, has each block's pages released once parsed.
  void read_in_place(const char* data, std::size_t size, const std::string& name,
                     const MappedFile* file) {
    const char* nl = static_cast<const char*>(std::memchr(data, '\n', size));
    std::string_view first(data, nl ? static_cast<std::size_t>(nl - data) : size);
    std::size_t skip_bytes = 0;
    if (first.substr(0, 3) == "\xEF\xBB\xBF") {  // a byte-order mark is not part of a field
      first.remove_prefix(3);
      skip_bytes = 3;
    }
    Detected d = detect(first, opt_.format);
    auto entry = std::make_shared<Entry>();
    entry->name = name;
    entry->format = d.format;
    entries_.push_back(entry);
    if (!d.refusal.empty()) {  // recognisably another layout: named, not parsed
      source_error(name, BadKind::other_layout, d.refusal);
      return;
    }
    const std::size_t block = block_size_;
    const std::size_t blocks = (size + block - 1) / block;
    const std::size_t seq0 = next_seq_;
    next_seq_ += blocks;
    seq_entry_.insert(seq_entry_.end(), blocks, entry.get());
    drain();  // the queue's parser threads stay idle until this file is done
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> bytes_done{0};
    auto work = [&](int w) {
      WorkerState& ws = workers_[static_cast<std::size_t>(w)];
      for (std::size_t k; !stop_.load() && (k = next.fetch_add(1)) < blocks;) {
        const std::size_t from = k * block, to = std::min(size, from + block);
        // The lines that start in [from, to): from the first line start at or after
        // `from` to the end of the line holding byte to - 1.
        if (file) file->populate(from, to);
        std::size_t begin = from;
        if (k == 0) {
          begin = skip_bytes;
        } else if (data[from - 1] != '\n') {
          const void* f = std::memchr(data + from, '\n', to - from);
          begin = f ? static_cast<std::size_t>(static_cast<const char*>(f) - data) + 1 : to;
        }
        std::size_t end = to;
        if (begin >= to) {
          end = begin = to;  // no line starts here
        } else if (to < size && data[to - 1] != '\n') {
          const void* f = std::memchr(data + to, '\n', size - to);
          end = f ? static_cast<std::size_t>(static_cast<const char*>(f) - data) + 1 : size;
        }
        process(Span{data + begin, data + std::max(begin, end), entry.get(), seq0 + k,
                     k == 0 && d.header},
                ws, w);
        if (file) file->release(from, to);
        if (progress_ && file) {
          const std::size_t before = bytes_done.fetch_add(to - from);
          const std::size_t mb = (before + to - from) / 1'000'000 - before / 1'000'000;
          if (mb) progress_->advance(mb);
        }
      }
    };
    parallel_workers(threads_, work);
  }

  // Returns false when the source failed (the rest of it is skipped).
  bool read_entry(Source& src, const std::string& name) {
    std::shared_ptr<Entry> entry;
    Block cur = take_block(block_size_);
    std::size_t carry = 0;
    bool first = true;
    bool ok = true;
    std::string read_error;
    for (;;) {
      if (cur.capacity - carry < block_size_ / 4) grow(cur, carry);
      std::size_t got = 0;
      try {
        got = src.read(cur.data.get() + carry, cur.capacity - carry);
      } catch (const std::exception& e) {
        read_error = e.what();  // reported after the data before it
        ok = false;
        got = 0;
      }
      reader_stats_.bytes += static_cast<std::int64_t>(got);
      std::size_t filled = carry + got;
      bool eof = got == 0;
      if (first && (filled > 0 || eof)) {
        const char* nl = static_cast<const char*>(std::memchr(cur.data.get(), '\n', filled));
        if (!nl && !eof) {  // first line longer than the buffer so far: read more
          carry = filled;
          continue;
        }
        std::string_view line(cur.data.get(),
                              nl ? static_cast<std::size_t>(nl - cur.data.get()) : filled);
        // A UTF-8 byte-order mark (some Windows exports) is not part of the first field.
        if (line.substr(0, 3) == "\xEF\xBB\xBF") {
          line.remove_prefix(3);
          cur.skip_bytes = 3;
        }
        Detected d = detect(line, opt_.format);
        entry = std::make_shared<Entry>();
        entry->name = name;
        entry->format = d.format;
        entries_.push_back(entry);
        if (!d.refusal.empty()) {  // recognisably another layout: named, not parsed
          give_back(std::move(cur));
          source_error(name, BadKind::other_layout, d.refusal);
          return true;
        }
        cur.skip_first = d.header;
        first = false;
      }
      // Cut at the last newline; the rest carries over to the next block.
      std::size_t cut = filled;
      if (!eof) {
        const char* base = cur.data.get();
        const void* last = memrchr(base, '\n', filled);
        if (!last) {
          carry = filled;  // one line longer than the buffer: grow and read on
          continue;
        }
        cut = static_cast<std::size_t>(static_cast<const char*>(last) - base) + 1;
      }
      Block next;
      std::size_t rest = filled - cut;
      if (!eof) {
        next = take_block(std::max(block_size_, rest * 2));
        std::memcpy(next.data.get(), cur.data.get() + cut, rest);
      }
      cur.size = cut;
      if (cur.size > 0 && entry) {
        cur.entry = entry;
        cur.seq = next_seq_++;
        seq_entry_.push_back(entry.get());
        dispatch(std::move(cur));
      } else {
        give_back(std::move(cur));
      }
      show_progress(src);
      if (eof || stop_.load()) break;
      cur = std::move(next);
      cur.skip_first = false;
      cur.skip_bytes = 0;
      carry = rest;
    }
    if (!ok) source_error(name, BadKind::truncated, read_error);
    return ok;
  }

  void grow(Block& b, std::size_t keep) {
    std::size_t cap = b.capacity * 2;
    auto data = std::make_unique<char[]>(cap + kPad);
    std::memcpy(data.get(), b.data.get(), keep);
    b.data = std::move(data);
    b.capacity = cap;
  }

  Block take_block(std::size_t capacity) {
    {
      std::lock_guard lk(mu_);
      for (auto it = free_.begin(); it != free_.end(); ++it)
        if (it->capacity >= capacity) {
          Block b = std::move(*it);
          free_.erase(it);
          b.size = 0;
          b.skip_first = false;
          b.skip_bytes = 0;
          b.entry.reset();
          return b;
        }
    }
    Block b;
    b.capacity = capacity;
    b.data = std::make_unique<char[]>(capacity + kPad);
    std::memset(b.data.get() + capacity, 0, kPad);
    return b;
  }

  void give_back(Block&& b) {
    std::lock_guard lk(mu_);
    b.entry.reset();
    if (free_.size() < static_cast<std::size_t>(threads_) * 2 + 4) free_.push_back(std::move(b));
  }

  void dispatch(Block&& b) {
    if (threads_ == 1) {
      process(b, workers_[0], 0);
      give_back(std::move(b));
      return;
    }
    std::unique_lock lk(mu_);
    cv_space_.wait(lk, [this] { return queue_.size() < static_cast<std::size_t>(threads_) * 2; });
    queue_.push_back(std::move(b));
    lk.unlock();
    cv_work_.notify_one();
  }

  // Waits until every queued block has been parsed (so that no queue worker uses its
  // WorkerState or visitor slot while the mapped path does).
  void drain() {
    if (threads_ <= 1) return;
    std::unique_lock lk(mu_);
    cv_space_.wait(lk, [this] { return queue_.empty() && busy_ == 0; });
  }

  void worker_loop(int w) {
    for (;;) {
      Block b;
      {
        std::unique_lock lk(mu_);
        cv_work_.wait(lk, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        b = std::move(queue_.front());
        queue_.pop_front();
        ++busy_;
      }
      cv_space_.notify_all();
      process(b, workers_[static_cast<std::size_t>(w)], w);
      give_back(std::move(b));
      {
        std::lock_guard lk(mu_);
        --busy_;
      }
      cv_space_.notify_all();
    }
  }

  // Parses the lines of [begin, end) (the `seq`-th block, of `entry`): bytes past `end`
  // must be readable (block padding, or the rest of a mapped file).
  struct Span {
    const char* begin;
    const char* end;
    const Entry* entry;
    std::size_t seq;
    bool skip_first;  // header line
  };
  void process(const Block& b, WorkerState& ws, int w) {
    process(Span{b.data.get() + b.skip_bytes, b.data.get() + b.size, b.entry.get(), b.seq,
                 b.skip_first},
            ws, w);
  }
  void process(const Span& b, WorkerState& ws, int w) {
    RowParser parser(opt_);
    EventRow row;
    const char* p = b.begin;
    const char* end = b.end;
    std::int64_t line_no = 0;
    std::int64_t reported_here = 0;
    std::int64_t good_here = 0;
    const InputFormat format = b.entry->format;
    std::string_view line;
    while (p < end) {
      const char* stop = parser.split_next(p, end, format, line);
      p = stop < end ? stop + 1 : end;
      ++line_no;
      if (line_no == 1 && b.skip_first) {
        ws.stats.headers += 1;
        continue;
      }
      if (line.empty()) continue;
      ws.stats.lines += 1;
      auto err = parser.parse_split(line, format, row, ws.stats);
      if (err) {
        ws.stats.bad += 1;
        ws.stats.bad_by_kind[static_cast<int>(err->kind)] += 1;
        if (reported_here < opt_.max_reported) {
          ++reported_here;
          ws.bad.push_back({b.seq, line_no,
                            BadRow{err->kind,
                                   {b.entry->name, 0, field_name(*err)},
                                   describe(*err, format, parser.fields())}});
        }
        if (opt_.strict) {
          stop_.store(true);
          break;
        }
        continue;
      }
      ws.stats.rows += 1;
      ++good_here;
      ws.stats.by_layout[static_cast<int>(row.layout)] += 1;
      ws.stats.min_date = std::min(ws.stats.min_date, row.event_date);
      ws.stats.max_date = std::max(ws.stats.max_date, row.event_date);
      visit_(row, w);
    }
    ws.lines_per_block.emplace_back(b.seq, line_no);
    b.entry->good.fetch_add(good_here, std::memory_order_relaxed);
  }

  // An error of a whole source (cannot open, truncated archive): reported like a bad row.
  void source_error(const std::string& name, BadKind kind, std::string message) {
    reader_stats_.bad += 1;
    reader_stats_.bad_by_kind[static_cast<int>(kind)] += 1;
    // Ordered after every block read so far from this source.
    reader_bad_.push_back({next_seq_, 0, BadRow{kind, {name, 0, ""}, std::move(message)}});
    ++next_seq_;
    seq_entry_.push_back(nullptr);
    if (opt_.strict) stop_.store(true);
  }

  // Whole megabytes consumed so far (compressed bytes for archives), passed to the task.
  void show_progress(Source& src) {
    if (!progress_) return;
    const auto mb = static_cast<std::size_t>(base_consumed_ + src.consumed()) / 1'000'000;
    if (mb > progress_->done()) progress_->advance(mb - progress_->done());
  }

  ReadStats finish() {
    ReadStats total = reader_stats_;
    total.empty_inputs = no_rows_;
    for (const auto& e : entries_)  // the workers have joined: their counts are final
      if (e->good.load(std::memory_order_relaxed) == 0) total.empty_inputs.push_back(e->name);
    std::vector<PendingBad> bad = std::move(reader_bad_);
    std::vector<std::int64_t> lines(next_seq_ + 1, 0);
    for (auto& ws : workers_) {
      total.merge(ws.stats);
      bad.insert(bad.end(), ws.bad.begin(), ws.bad.end());
      for (auto [seq, n] : ws.lines_per_block) lines[seq] = n;
    }
    // Line numbers: blocks of one entry are consecutive sequence numbers.
    std::sort(bad.begin(), bad.end(), [](const PendingBad& a, const PendingBad& b) {
      return std::tie(a.seq, a.local_line) < std::tie(b.seq, b.local_line);
    });
    if (bad.size() > static_cast<std::size_t>(opt_.max_reported))
      bad.resize(static_cast<std::size_t>(opt_.max_reported));
    total.reported.clear();
    for (auto& pb : bad) {
      BadRow r = pb.row;
      if (pb.local_line > 0) {
        std::int64_t before = 0;
        // Walk back over earlier blocks of the same entry (same name, consecutive seqs).
        for (std::size_t s = pb.seq; s-- > 0;) {
          if (seq_entry_[s] != seq_entry_[pb.seq]) break;
          before += lines[s];
        }
        r.where.line = static_cast<int>(before + pb.local_line);
      }
      total.reported.push_back(std::move(r));
    }
    if (opt_.strict && !total.reported.empty()) {
      const BadRow& first = total.reported.front();
      throw InputError(first.where, first.message);
    }
    return total;
  }

  const ReadOptions& opt_;
  const RowVisitor& visit_;
  int threads_ = 1;
  std::size_t block_size_ = kBlockSize;
  std::vector<WorkerState> workers_;
  ReadStats reader_stats_;
  std::vector<PendingBad> reader_bad_;
  std::vector<std::shared_ptr<Entry>> entries_;
  std::vector<std::string> no_rows_;     // inputs that could not be opened, empty archives
  std::vector<const Entry*> seq_entry_;  // entry of each block sequence number
  std::size_t next_seq_ = 0;
  std::int64_t base_consumed_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_work_, cv_space_;
  std::deque<Block> queue_;
  std::vector<Block> free_;
  bool done_ = false;
  std::size_t busy_ = 0;                    // blocks being parsed by the queue's workers
  std::unique_ptr<ProgressTask> progress_;  // when options.progress is set
};

}  // namespace

ReadStats run_pipeline(const std::vector<std::string>& inputs, const ReadOptions& options,
                       const RowVisitor& visit) {
  Pipeline pipeline(options, visit);
  return pipeline.run(inputs);
}

ReadStats run_pipeline_memory(std::string_view bytes, const std::string& name,
                              const ReadOptions& options, const RowVisitor& visit) {
  Pipeline pipeline(options, visit);
  return pipeline.run_memory(bytes, name);
}

}  // namespace detente::events::detail
