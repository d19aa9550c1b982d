# ctest driver (cmake -P): `cmake --build <dir> --target docs` works and documents the public
# API: the main page is sdk/README.md, the central classes have pages, and doxygen found no
# broken markup in the header comments (its warnings log is empty).
# -D inputs: BINARY_DIR DOCS_DIR
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${DOCS_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target docs
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "the docs target failed:\n${_out}")
endif()

set(_failures "")
set(_html ${DOCS_DIR}/html)
foreach(_page index.html
              classAod_1_1Client.html classAod_1_1Reply.html classAod_1_1ReplyOf.html
              classAod_1_1Error.html classAod_1_1SessionStream.html classAod_1_1ClientConfig.html
              structAod_1_1Agent.html classAod_1_1Testing_1_1LocalServer.html)
    if(NOT EXISTS ${_html}/${_page})
        string(APPEND _failures "\n  - no ${_page}")
    endif()
endforeach()
if(EXISTS ${_html}/index.html)
    file(READ ${_html}/index.html _index)
    if(NOT _index MATCHES "reply contract")
        string(APPEND _failures "\n  - the main page is not sdk/README.md")
    endif()
endif()
file(GLOB _private_pages ${_html}/*Private*.html ${_html}/*__p_8h*)
if(_private_pages)
    string(APPEND _failures "\n  - private classes or headers are documented: ${_private_pages}")
endif()
set(_log ${DOCS_DIR}/doxygen-warnings.log)
if(EXISTS ${_log})
    file(READ ${_log} _warnings)
    string(STRIP "${_warnings}" _warnings)
    if(_warnings)
        string(APPEND _failures "\n  - doxygen warnings (fix the header comments):\n${_warnings}")
    endif()
endif()
if(_failures)
    message(FATAL_ERROR "API docs checks failed:${_failures}")
endif()
