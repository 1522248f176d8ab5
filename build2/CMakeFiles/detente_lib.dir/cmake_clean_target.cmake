file(REMOVE_RECURSE
  "libdetente_lib.a"
)
