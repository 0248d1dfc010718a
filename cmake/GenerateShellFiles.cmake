# SPDX-License-Identifier: Apache-2.0
# Runs the built perechen to write its shell completions and man pages into OUTPUT (script mode,
# called by cmake/Packaging.cmake after every build of the program):
#   OUTPUT/completions/perechen        bash
#   OUTPUT/completions/_perechen       zsh
#   OUTPUT/completions/perechen.fish   fish
#   OUTPUT/man/man1/perechen*.1        English pages
#   OUTPUT/man/ru/man1/perechen*.1     Russian pages (the program's default language)
# Completions are in Russian, the language perechen speaks unless told otherwise.
# PERECHEN is the program to run: the one just built, or in a cross build one built for this
# machine from the same source; EMULATOR, when not empty, runs it ("qemu-aarch64|-L|/usr/…": the
# words of CMAKE_CROSSCOMPILING_EMULATOR joined by '|').
set(run_perechen ${PERECHEN})
if(EMULATOR)
  string(REPLACE "|" ";" emulator "${EMULATOR}")
  set(run_perechen ${emulator} ${PERECHEN})
endif()
foreach(shell_file IN ITEMS "bash;perechen" "zsh;_perechen" "fish;perechen.fish")
  list(GET shell_file 0 shell)
  list(GET shell_file 1 name)
  execute_process(COMMAND ${run_perechen} completion ${shell}
                  OUTPUT_FILE ${OUTPUT}/completions/${name}.tmp
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "perechen completion ${shell} failed: ${rc}")
  endif()
  file(COPY_FILE ${OUTPUT}/completions/${name}.tmp ${OUTPUT}/completions/${name} ONLY_IF_DIFFERENT)
  file(REMOVE ${OUTPUT}/completions/${name}.tmp)
endforeach()

foreach(lang_dir IN ITEMS "en;man/man1" "ru;man/ru/man1")
  list(GET lang_dir 0 lang)
  list(GET lang_dir 1 dir)
  file(REMOVE_RECURSE ${OUTPUT}/${dir})
  execute_process(COMMAND ${run_perechen} --lang ${lang} man --output-dir ${OUTPUT}/${dir}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "perechen man (${lang}) failed: ${rc}")
  endif()
endforeach()

# Debian wants manual pages and the changelog compressed (lintian: uncompressed-manual-page,
# no-changelog); `gzip -n` leaves the name and time out, so the same pages give the same bytes.
# Kept apart from the plain pages, which tests and `man -l` read.
file(REMOVE_RECURSE ${OUTPUT}/man-gz ${OUTPUT}/doc)
file(GLOB_RECURSE pages RELATIVE ${OUTPUT}/man ${OUTPUT}/man/*.1)
foreach(page IN LISTS pages)
  get_filename_component(dir ${OUTPUT}/man-gz/${page} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  execute_process(COMMAND gzip -9nc ${OUTPUT}/man/${page} OUTPUT_FILE ${OUTPUT}/man-gz/${page}.gz
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip of ${page} failed: ${rc}")
  endif()
endforeach()
file(MAKE_DIRECTORY ${OUTPUT}/doc)
execute_process(COMMAND gzip -9nc ${SOURCE}/cmake/debian/changelog
                OUTPUT_FILE ${OUTPUT}/doc/changelog.Debian.gz RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip of the changelog failed: ${rc}")
endif()
