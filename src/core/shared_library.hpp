// detente/core/shared_library.hpp
//
// A shared library loaded at run time (dlopen) rather than linked, for the features few
// commands use: libarchive (uncommon event archives, src/io/events/source.cpp) and MPI
// (`simulate` under mpirun, src/sim/mpi.cpp). Each costs a millisecond or more of every
// process start when linked, with what it links in turn. Loading never throws: error() says
// why it failed (the loader's message, or the first symbol missing), and the caller decides
// what that means for its command.
//
//   SharedLibrary lib("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
//   lib.load(read_new, "archive_read_new");     // a function pointer of the right type
//   if (!lib.error().empty()) …
//
// The library stays loaded until the process ends (it is never dlclose'd: the callers keep
// its function pointers in statics).
#pragma once

#include <string>

namespace detente {

class SharedLibrary {
 public:
  // `flags` as for dlopen (RTLD_NOW, RTLD_LOCAL or RTLD_GLOBAL, …).
  SharedLibrary(const char* soname, int flags);

  // The address of `name`, or nullptr (and error() set, if it was not already) when the
  // library could not be loaded or has no such symbol.
  void* symbol(const char* name);
  // Sets `f` to the function (or object pointer) `name`.
  template <typename F>
  void load(F& f, const char* name) {
    f = reinterpret_cast<F>(symbol(name));
  }

  // Why the library or a symbol could not be loaded; empty when everything was.
  const std::string& error() const { return error_; }

 private:
  std::string soname_;
  void* handle_ = nullptr;
  std::string error_;
};

}  // namespace detente
