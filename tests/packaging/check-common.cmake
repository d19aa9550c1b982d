# Shared prologue of the packaging check scripts (cmake -P): included first, it gives
#   aod_check_require(<script> <var>...)  fail unless every -D<var>=... was passed
#   fail(<message>)                        record a failed check and go on
# and the scripts end with `if(_failures) message(FATAL_ERROR "...${_failures}")`.
set(_failures "")
macro(fail _msg)
    string(APPEND _failures "\n  - ${_msg}")
endmacro()

function(aod_check_require _script)
    foreach(_v IN LISTS ARGN)
        if(NOT DEFINED ${_v})
            message(FATAL_ERROR "${_script} needs -D${_v}=...")
        endif()
    endforeach()
endfunction()
