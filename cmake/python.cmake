# The Python module `detente` (python/): Debian's pybind11 for the interpreter whose
# numpy and pandas apt installed (/usr/bin/python3, not a pyenv shim). The compiled part
# `detente._detente` links the library and the CLI's commands (so Python runs the CLI's
# code); the package is assembled in build/python/detente and installed into
# lib/python3/dist-packages/detente. pytest (tests/python) runs in ctest.
option(DETENTE_PYTHON "Build the Python module (compiles the library as position-independent code)" ON)
if(NOT DETENTE_PYTHON)
  return()
endif()
if(DETENTE_SANITIZE OR DETENTE_FUZZ)
  # A sanitized module would need the sanitizer runtime preloaded into python3.
  message(STATUS "Sanitizer build: no Python module")
  return()
endif()
if(EXISTS /usr/bin/python3 AND NOT Python_EXECUTABLE)
  set(Python_EXECUTABLE /usr/bin/python3)
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(Python COMPONENTS Interpreter Development.Module)
find_package(pybind11 CONFIG QUIET)
if(NOT pybind11_FOUND OR NOT Python_FOUND)
  message(STATUS "pybind11 or Python development files not found: no Python module "
                 "(scripts/install-deps installs python3-pybind11)")
  return()
endif()
# The module is a shared object: the library it links must be position-independent.
set_target_properties(detente_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)

file(GLOB DETENTE_CLI_COMMANDS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/cli/*.cpp)
list(REMOVE_ITEM DETENTE_CLI_COMMANDS ${CMAKE_SOURCE_DIR}/src/cli/main.cpp)
add_library(detente_cli_commands OBJECT ${DETENTE_CLI_COMMANDS})
set_target_properties(detente_cli_commands PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(detente_cli_commands PUBLIC detente_lib CLI11::CLI11)
# The detente executable links the same objects (main.cpp aside), so the commands are
# compiled once for both.
set_property(TARGET detente PROPERTY SOURCES ${CMAKE_SOURCE_DIR}/src/cli/main.cpp)
target_link_libraries(detente PRIVATE detente_cli_commands)

set(DETENTE_PY_DIR ${CMAKE_BINARY_DIR}/python/detente)
pybind11_add_module(_detente MODULE NO_EXTRAS ${CMAKE_SOURCE_DIR}/python/module.cpp)
target_link_libraries(_detente PRIVATE detente_cli_commands detente_lib CLI11::CLI11)
set_target_properties(_detente PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${DETENTE_PY_DIR})
# The pure-Python part beside it, copied whenever a source changes.
file(GLOB DETENTE_PY_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/detente/*.py)
set(DETENTE_PY_COPIES "")
foreach(source ${DETENTE_PY_SOURCES})
  get_filename_component(name ${source} NAME)
  add_custom_command(OUTPUT ${DETENTE_PY_DIR}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy ${source} ${DETENTE_PY_DIR}/${name}
    DEPENDS ${source})
  list(APPEND DETENTE_PY_COPIES ${DETENTE_PY_DIR}/${name})
endforeach()
add_custom_target(detente_python_sources ALL DEPENDS ${DETENTE_PY_COPIES})
add_dependencies(_detente detente_python_sources)

set(DETENTE_PY_INSTALL_DIR lib/python3/dist-packages/detente)
install(TARGETS _detente LIBRARY DESTINATION ${DETENTE_PY_INSTALL_DIR})
install(FILES ${DETENTE_PY_SOURCES} DESTINATION ${DETENTE_PY_INSTALL_DIR})

execute_process(COMMAND ${Python_EXECUTABLE} -c "import numpy, pandas, pytest"
  RESULT_VARIABLE DETENTE_PY_TEST_DEPS OUTPUT_QUIET ERROR_QUIET)
if(NOT DETENTE_PY_TEST_DEPS EQUAL 0)
  message(STATUS "${Python_EXECUTABLE} lacks numpy, pandas or pytest: no python.pytest test "
                 "(scripts/install-deps installs python3-numpy, python3-pandas, python3-pytest)")
  return()
endif()
add_test(NAME python.pytest
  COMMAND ${Python_EXECUTABLE} -m pytest -q -p no:cacheprovider ${CMAKE_SOURCE_DIR}/tests/python)
set_tests_properties(python.pytest PROPERTIES TIMEOUT 600
  ENVIRONMENT "PYTHONPATH=${CMAKE_BINARY_DIR}/python;DETENTE_SOURCE_DIR=${CMAKE_SOURCE_DIR};DETENTE_BINARY=$<TARGET_FILE:detente>")
