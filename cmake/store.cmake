# The run store (src/store/, Debian's libsqlite3-dev) and what the Python module needs of
# the library: position-independent code, so detente_lib links into a shared module.
find_package(SQLite3 REQUIRED)
file(GLOB DETENTE_STORE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/store/*.cpp)
target_sources(detente_lib PRIVATE ${DETENTE_STORE_SOURCES})
target_link_libraries(detente_lib PUBLIC SQLite::SQLite3)
option(DETENTE_PYTHON "Build the Python module (compiles the library as position-independent code)" OFF)
if(DETENTE_PYTHON)
  set_target_properties(detente_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)
endif()
set_source_files_properties(${CMAKE_SOURCE_DIR}/src/store/run_store.cpp PROPERTIES
  COMPILE_DEFINITIONS "DETENTE_VERSION_STRING=\"${PROJECT_VERSION}\"")
