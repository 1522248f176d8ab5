# The run store (src/store/, Debian's libsqlite3-dev).
find_package(SQLite3 REQUIRED)
file(GLOB DETENTE_STORE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/store/*.cpp)
target_sources(detente_lib PRIVATE ${DETENTE_STORE_SOURCES})
target_link_libraries(detente_lib PUBLIC SQLite::SQLite3)
set_source_files_properties(${CMAKE_SOURCE_DIR}/src/store/run_store.cpp PROPERTIES
  COMPILE_DEFINITIONS "DETENTE_VERSION_STRING=\"${PROJECT_VERSION}\"")
