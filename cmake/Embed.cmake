# perechen_embed(OUTPUT FILES...): compiles shipped data files into a lookup table, so the binary
# needs no data folder at run time. Each file is known by its path relative to the source root.
function(perechen_embed output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DROOT=${PROJECT_SOURCE_DIR}
            "-DFILES=${ARGN}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding data/ and schemas/"
    VERBATIM)
endfunction()
