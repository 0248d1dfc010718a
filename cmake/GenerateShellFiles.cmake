# Runs the built perechen to write its shell completions and man pages into OUTPUT (script mode,
# called by cmake/Packaging.cmake after every build of the program):
#   OUTPUT/completions/perechen        bash
#   OUTPUT/completions/_perechen       zsh
#   OUTPUT/completions/perechen.fish   fish
#   OUTPUT/man/man1/perechen*.1        English pages
#   OUTPUT/man/ru/man1/perechen*.1     Russian pages (the program's default language)
# Completions are in Russian, the language perechen speaks unless told otherwise.
foreach(shell_file IN ITEMS "bash;perechen" "zsh;_perechen" "fish;perechen.fish")
  list(GET shell_file 0 shell)
  list(GET shell_file 1 name)
  execute_process(COMMAND ${PERECHEN} completion ${shell}
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
  execute_process(COMMAND ${PERECHEN} --lang ${lang} man --output-dir ${OUTPUT}/${dir}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "perechen man (${lang}) failed: ${rc}")
  endif()
endforeach()
