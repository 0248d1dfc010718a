# SPDX-License-Identifier: Apache-2.0
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE, cmake/Packaging.cmake): the
# components that go into its one package. The .deb carries Debian's copyright file, which holds
# the licence (Debian wants no other licence file); every other package carries LICENSE.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_COMPONENTS_ALL Unspecified debian)
else()
  set(CPACK_COMPONENTS_ALL Unspecified license)
endif()
# An archive keeps its one top folder (perechen-VERSION-SYSTEM/), as without components.
if(CPACK_GENERATOR MATCHES "^(TGZ|TXZ|TBZ2|TZST|ZIP|7Z)$")
  set(CPACK_COMPONENT_INCLUDE_TOPLEVEL_DIRECTORY ON)
endif()
