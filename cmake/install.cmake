# `cmake --install build [--prefix P]`: the CLI, the library (libdetente.a) and its public
# headers (include/detente/<module>/*.hpp), a CMake package (find_package(detente) gives
# detente::detente), a pkg-config file (detente.pc), man pages made by help2man from the
# --help texts, bash completion, and the Python module (when built; cmake/python.cmake).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(detente_lib PROPERTIES EXPORT_NAME detente OUTPUT_NAME detente)
add_library(detente::detente ALIAS detente_lib)
# Headers from the source tree when building, from the prefix once installed. (The CSV
# include directory is /usr/include, which compilers search anyway.)
set_property(TARGET detente_lib PROPERTY INTERFACE_INCLUDE_DIRECTORIES
  "$<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/src;${CSV_INCLUDE_DIR}>"
  "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/detente>")

install(TARGETS detente detente-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS detente_lib EXPORT detenteTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/src/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/detente
  FILES_MATCHING PATTERN "*.hpp" PATTERN "cli" EXCLUDE)
set(DETENTE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/detente)
install(EXPORT detenteTargets NAMESPACE detente:: DESTINATION ${DETENTE_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/detenteConfig.cmake.in
  ${CMAKE_BINARY_DIR}/detenteConfig.cmake INSTALL_DESTINATION ${DETENTE_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/detenteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/detenteConfig.cmake ${CMAKE_BINARY_DIR}/detenteConfigVersion.cmake
  DESTINATION ${DETENTE_CMAKE_DIR})

configure_file(${CMAKE_SOURCE_DIR}/cmake/detente.pc.in ${CMAKE_BINARY_DIR}/detente.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/detente.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES ${CMAKE_SOURCE_DIR}/completion/detente.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME detente)

# Man pages: detente(1) and detente-COMMAND(1) for every subcommand, from --help.
find_program(HELP2MAN_PROGRAM help2man)
if(HELP2MAN_PROGRAM)
  set(DETENTE_MAN_DIR ${CMAKE_BINARY_DIR}/man)
  add_custom_command(OUTPUT ${DETENTE_MAN_DIR}/detente.1
    COMMAND ${CMAKE_COMMAND} -DDETENTE=$<TARGET_FILE:detente> -DHELP2MAN=${HELP2MAN_PROGRAM}
            -DOUT_DIR=${DETENTE_MAN_DIR} -DVERSION=${PROJECT_VERSION}
            -P ${CMAKE_SOURCE_DIR}/cmake/man_pages.cmake
    DEPENDS detente ${CMAKE_SOURCE_DIR}/cmake/man_pages.cmake
    COMMENT "Man pages from the --help texts")
  add_custom_target(detente_man ALL DEPENDS ${DETENTE_MAN_DIR}/detente.1)
  install(DIRECTORY ${DETENTE_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
    FILES_MATCHING PATTERN "*.1")
else()
  message(STATUS "help2man not found: no man pages (scripts/install-deps installs it)")
endif()

# The consumer test: install into a temporary prefix, build a tiny project against it.
add_test(NAME install.ConsumerProject
  COMMAND bash ${CMAKE_SOURCE_DIR}/tests/install/consumer_test.sh ${CMAKE_BINARY_DIR}
          ${CMAKE_SOURCE_DIR})
set_tests_properties(install.ConsumerProject PROPERTIES TIMEOUT 600)
