# Build step (cmake -P): keeps resources/translations/*.ts current with the tr() strings of the
# sources, as `lupdate` would, but rewrites a .ts file only when its content changes. lupdate
# itself always rewrites its output, which would make every build re-run lrelease and relink
# the app; here lupdate works on copies and a changed copy replaces the original by a rename
# (atomic, so a build in another build tree never reads a half-written file).
#
# -D inputs: PARAMS (a file setting LUPDATE, TS_FILES, SOURCES_LIST, OPTIONS), WORK_DIR, STAMP
# (touched on every run), CHANGED_STAMP (touched only when a .ts changed, or is missing)
cmake_minimum_required(VERSION 3.25)
include(${PARAMS})

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(_copies)
foreach(_ts IN LISTS TS_FILES)
    get_filename_component(_name ${_ts} NAME)
    file(COPY_FILE ${_ts} ${WORK_DIR}/${_name})
    list(APPEND _copies ${WORK_DIR}/${_name})
endforeach()

execute_process(COMMAND ${LUPDATE} -silent ${OPTIONS} @${SOURCES_LIST} -ts ${_copies}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${_rc}):\n${_out}")
endif()

set(_changed FALSE)
foreach(_ts IN LISTS TS_FILES)
    get_filename_component(_name ${_ts} NAME)
    file(SHA256 ${_ts} _old)
    file(SHA256 ${WORK_DIR}/${_name} _new)
    if(NOT _old STREQUAL _new)
        string(RANDOM LENGTH 8 _tag)
        set(_tmp ${_ts}.${_tag}.tmp)
        file(COPY_FILE ${WORK_DIR}/${_name} ${_tmp})
        file(RENAME ${_tmp} ${_ts})
        message(STATUS "lupdate: updated ${_ts}")
        set(_changed TRUE)
    endif()
endforeach()
if(_changed OR NOT EXISTS ${CHANGED_STAMP})
    file(TOUCH ${CHANGED_STAMP})
endif()
file(TOUCH ${STAMP})
