# Installing and packaging perechen.
#
# The program needs no data folder at run time: data/ and schemas/ are compiled into it
# (cmake/Embed.cmake), so it runs the same from the build tree, from an install prefix or copied
# anywhere. `cmake --install` lays out:
#   bin/perechen
#   share/perechen/data, share/perechen/schemas      for people and editors to read (CMakeLists.txt)
#   share/bash-completion/completions/perechen
#   share/zsh/vendor-completions/_perechen
#   share/fish/vendor_completions.d/perechen.fish
#   share/man/man1/perechen*.1.gz, share/man/ru/man1/perechen*.1.gz (gzip -9n, as Debian wants)
#   share/doc/perechen/copyright, changelog.Debian.gz   component "debian" (the .deb only)
#   share/doc/perechen/LICENSE                          component "license" (every other package)
# Completions and man pages are generated from the CLI11 definitions by the built program itself
# after every build (cmake/GenerateShellFiles.cmake), so they never drift from `--help`.
# `cpack -G DEB` in the build folder makes the Debian package (docs/packaging.md).

#
# Cross builds: the program just built may not run on the build machine. The files are then made
# by a perechen of the same source built for the build machine (PERECHEN_HOST_PROGRAM, e.g. from a
# native build folder: the CLI definitions are the same, so are the files), or through
# CMAKE_CROSSCOMPILING_EMULATOR (qemu-user) when the toolchain names one. Without either, a cross
# configuration stops with this advice instead of failing at the first build.
set(PERECHEN_HOST_PROGRAM "" CACHE FILEPATH
    "A perechen built from this source for the build machine, to generate completions and man pages (cross builds)")
set(PERECHEN_SHELL_FILES ${PROJECT_BINARY_DIR}/shell)
file(MAKE_DIRECTORY ${PERECHEN_SHELL_FILES}/completions)
set(perechen_emulator "")
if(PERECHEN_HOST_PROGRAM)
  set(perechen_generator "${PERECHEN_HOST_PROGRAM}")
elseif(CMAKE_CROSSCOMPILING AND CMAKE_CROSSCOMPILING_EMULATOR)
  string(REPLACE ";" "|" perechen_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
  set(perechen_generator "$<TARGET_FILE:perechen>")
elseif(CMAKE_CROSSCOMPILING)
  message(FATAL_ERROR "A cross build cannot run the perechen it builds to make completions and man "
                      "pages: build perechen for this machine first and pass it as "
                      "-DPERECHEN_HOST_PROGRAM=/path/to/perechen, or give the toolchain a "
                      "CMAKE_CROSSCOMPILING_EMULATOR (docs/packaging.md)")
else()
  set(perechen_generator "$<TARGET_FILE:perechen>")
endif()
add_custom_command(TARGET perechen POST_BUILD
  COMMAND ${CMAKE_COMMAND} "-DPERECHEN=${perechen_generator}" "-DEMULATOR=${perechen_emulator}"
          -DOUTPUT=${PERECHEN_SHELL_FILES}
          -DSOURCE=${PROJECT_SOURCE_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  COMMENT "Generating shell completions and man pages"
  VERBATIM)

install(FILES ${PERECHEN_SHELL_FILES}/completions/perechen
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${PERECHEN_SHELL_FILES}/completions/_perechen
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PERECHEN_SHELL_FILES}/completions/perechen.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(DIRECTORY ${PERECHEN_SHELL_FILES}/man-gz/ DESTINATION ${CMAKE_INSTALL_MANDIR}
        FILES_MATCHING PATTERN "*.1.gz")
# What Debian asks of every package besides the program: the copyright (which holds the licence)
# and the changelog. They are Debian's alone, so they form the component "debian"; any other
# package (an rpm, a plain install for another system) gets the licence's full text instead, in
# the component "license". The files of the program itself are in the default component
# (Unspecified). cmake/CPackProjectConfig.cmake picks the components for each generator.
install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian/copyright ${PERECHEN_SHELL_FILES}/doc/changelog.Debian.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT debian)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT license)

# The Debian package. Its library dependencies are Debian's own packages: dpkg-shlibdeps reads
# them off the binary when it is installed (dpkg-dev); otherwise the list below, which is what it
# finds on Debian 12. Programs perechen runs are added by hand: ssh-keygen signs approvals, git
# is how people commit and push the registry.
set(PERECHEN_PACKAGE_CONTACT "perechen maintainers <perechen@example.org>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME perechen)
set(CPACK_PACKAGE_VENDOR "perechen")
set(CPACK_PACKAGE_CONTACT ${PERECHEN_PACKAGE_CONTACT})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "list of interaction points with internal clients: checks, approvals, publication")
set(CPACK_PACKAGE_DESCRIPTION
    "perechen keeps the list of interaction points with internal clients on
accounting as a git repository of YAML files: it checks them against the
regulation, records approvals as signed commits, and exports the approved
version for publication.")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
find_program(PERECHEN_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(PERECHEN_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "openssh-client, git, libengine-gost-openssl")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1, libyaml-cpp0.7, libgit2-1.5, libfmt9, libssl3, libxlsxwriter4, libzip4, libexpat1, openssh-client, git, libengine-gost-openssl")
endif()
# The licence: Apache License 2.0 (LICENSE at the root of the source).
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Text")
set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_REQUIRES "openssh-clients, git")
# One package per generator, made of the components that generator wants (a component is a set of
# files, never a package of its own here).
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/CPackProjectConfig.cmake)
include(CPack)
