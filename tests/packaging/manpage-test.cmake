# ctest driver (cmake -P): a program's man page documents exactly the options the program
# accepts. The options come from the program's own --help (QCommandLineParser lists every one);
# the OPTIONS section of the page must describe each of them and no option the program lacks.
# The page has the usual form (.TH NAME 1, a NAME line "name \- summary") and, when man-db is
# installed, renders without warnings (what lintian checks).
#
# -D inputs: NAME (program name) PROGRAM (executable) MAN_PAGE (roff source)
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/check-common.cmake)
aod_check_require(manpage-test.cmake NAME PROGRAM MAN_PAGE)

# Long options as --name, short ones as -x, from text where a dash is a plain "-".
function(options_in _text _out)
    string(REGEX MATCHALL "(^|[^-A-Za-z0-9])--[a-z0-9][a-z0-9-]*" _long "${_text}")
    string(REGEX MATCHALL "(^|[ ,\n])-[A-Za-z0-9]([ ,\n]|$)" _short "${_text}")
    set(_all)
    foreach(_o IN LISTS _long _short)
        string(REGEX REPLACE "^[^-]*(-[-A-Za-z0-9]+).*$" "\\1" _o "${_o}")
        list(APPEND _all "${_o}")
    endforeach()
    list(REMOVE_DUPLICATES _all)
    list(SORT _all)
    set(${_out} "${_all}" PARENT_SCOPE)
endfunction()

# 1. What the program accepts. QApplication needs a platform even to print its help.
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LC_ALL=C.UTF-8
                        ${PROGRAM} --help
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _help ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} --help failed (${_rc}):\n${_help}\n${_err}")
endif()
# QCommandLineParser's option lines: "  -h, --help   Displays ..." / "  --port <port>   ...".
string(REGEX MATCHALL "\n  +(-[A-Za-z0-9], )?--[a-z0-9][a-z0-9-]*" _option_lines "${_help}")
list(JOIN _option_lines "\n" _option_text)
options_in("${_option_text}" _accepted)
list(LENGTH _accepted _n)
if(_n LESS 3)
    message(FATAL_ERROR "found only '${_accepted}' in ${PROGRAM} --help:\n${_help}")
endif()

# 2. What the page documents: roff "\-" is a dash, font changes go.
file(READ ${MAN_PAGE} _roff)
string(REPLACE "\\-" "-" _plain "${_roff}")
string(REGEX REPLACE "\\\\f[BIRP]" "" _plain "${_plain}")
string(TOUPPER "${NAME}" _upper)
if(NOT _plain MATCHES "(^|\n)\\.TH \"?${_upper}\"? 1 ")
    fail("${MAN_PAGE}: no '.TH ${_upper} 1' header")
endif()
if(NOT _plain MATCHES "\n\\.SH NAME\n${NAME} - [^\n]+\n")
    fail("${MAN_PAGE}: the NAME section is not '${NAME} \\- summary'")
endif()
foreach(_section SYNOPSIS DESCRIPTION OPTIONS "SEE ALSO")
    if(NOT _plain MATCHES "\n\\.SH \"?${_section}\"?\n")
        fail("${MAN_PAGE}: no ${_section} section")
    endif()
endforeach()
# The OPTIONS section: from ".SH OPTIONS" to the next .SH.
string(FIND "${_plain}" "\n.SH OPTIONS\n" _start)
set(_documented)
if(_start GREATER -1)
    string(SUBSTRING "${_plain}" ${_start} -1 _options)
    string(SUBSTRING "${_options}" 1 -1 _options)
    string(FIND "${_options}" "\n.SH " _end)
    if(_end GREATER -1)
        string(SUBSTRING "${_options}" 0 ${_end} _options)
    endif()
    # Only the options a .TP entry describes (its tag line), not ones mentioned in passing.
    string(REGEX MATCHALL "\\.TP\n[^\n]+" _tags "${_options}")
    list(JOIN _tags "\n" _tag_text)
    options_in("${_tag_text}" _documented)
endif()

foreach(_o IN LISTS _accepted)
    if(NOT _o IN_LIST _documented)
        fail("${MAN_PAGE} does not document ${_o} (${NAME} --help lists it)")
    endif()
endforeach()
foreach(_o IN LISTS _documented)
    if(NOT _o IN_LIST _accepted)
        fail("${MAN_PAGE} documents ${_o}, which ${NAME} --help does not list")
    endif()
endforeach()
message(STATUS "${NAME} accepts: ${_accepted}\n${MAN_PAGE} documents: ${_documented}")

# 3. man-db's own check, as lintian runs it: no warnings from groff.
find_program(_man man)
if(_man)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 MANROFFSEQ= MANWIDTH=80
                            ${_man} --warnings -E UTF-8 -l -Tutf8 -Z ${MAN_PAGE}
                    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _warnings)
    string(STRIP "${_warnings}" _warnings)
    if(NOT _rc EQUAL 0 OR _warnings)
        fail("man --warnings on ${MAN_PAGE} (${_rc}):\n${_warnings}")
    endif()
else()
    message(STATUS "man (man-db) not installed: rendering not checked")
endif()

if(_failures)
    message(FATAL_ERROR "man page checks failed:${_failures}")
endif()
