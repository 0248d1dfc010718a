# PERECHEN_FUZZ: the libFuzzer harnesses of tests/fuzz/. Everything is compiled with coverage
# instrumentation for libFuzzer and with ASan and UBSan, so that the harnesses see what the code
# does and any memory or undefined-behaviour error stops them.
option(PERECHEN_FUZZ "Build the libFuzzer harnesses of tests/fuzz (clang only)" OFF)
if(PERECHEN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PERECHEN_FUZZ needs clang (cmake -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()
