# Writes OUT_DIR/detente.1 and OUT_DIR/detente-COMMAND.1 for every subcommand listed by
# `detente --help`, with help2man (cmake -P; see cmake/install.cmake).
file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(COMMAND ${DETENTE} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "detente --help failed")
endif()
string(REGEX MATCH "(Subcommands|SUBCOMMANDS):.*" subcommands "${help}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${subcommands}")
set(pages "")
foreach(line ${names})
  string(STRIP "${line}" name)
  execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${VERSION}
      --name=${name} --output=${OUT_DIR}/detente-${name}.1 "${DETENTE} ${name}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for detente ${name}")
  endif()
endforeach()
execute_process(COMMAND ${HELP2MAN} --no-info --version-string=${VERSION}
    --name=regional-international-systems --output=${OUT_DIR}/detente.1 ${DETENTE}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed for detente")
endif()
