#include "core/shared_library.hpp"

#include <dlfcn.h>

namespace detente {

SharedLibrary::SharedLibrary(const char* soname, int flags) : soname_(soname) {
  handle_ = ::dlopen(soname, flags);
  if (!handle_) {
    const char* e = ::dlerror();
    error_ = e ? e : "dlopen failed";
  }
}

void* SharedLibrary::symbol(const char* name) {
  if (!handle_) return nullptr;
  void* f = ::dlsym(handle_, name);
  if (!f && error_.empty()) error_ = std::string("no ") + name + " in " + soname_;
  return f;
}

}  // namespace detente
