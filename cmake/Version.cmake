# SPDX-License-Identifier: Apache-2.0
# Writes the file that tells `perechen --version` which commit it was built from (script mode, run
# by the target perechen_version at every build, so the commit is the one built, not the one
# configured):
#   cmake -DSOURCE=<source folder> -DTEMPLATE=<version.cpp.in> -DOUTPUT=<version.cpp>
#         -DPROJECT_VERSION=… -DPROJECT_HOMEPAGE_URL=… -P cmake/Version.cmake
# The commit is git's short id (12 digits) with "-dirty" when the working tree differs from it,
# "unknown" outside a git checkout. OUTPUT is rewritten only when it changes, so an unchanged
# commit rebuilds nothing.
execute_process(COMMAND git describe --always --dirty --abbrev=12 --exclude=*
                WORKING_DIRECTORY ${SOURCE}
                OUTPUT_VARIABLE PERECHEN_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0 OR NOT PERECHEN_GIT_COMMIT)
  set(PERECHEN_GIT_COMMIT "unknown")
endif()
configure_file(${TEMPLATE} ${OUTPUT}.tmp @ONLY)
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
