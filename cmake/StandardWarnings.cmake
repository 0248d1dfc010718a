# One interface target that carries the project's warning flags.
add_library(perechen_warnings INTERFACE)
target_compile_options(perechen_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(PERECHEN_WERROR)
  target_compile_options(perechen_warnings INTERFACE -Werror)
endif()
