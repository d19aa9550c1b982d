# CPack pre-build script: runs on the staging tree after the install and before the packages
# are made. Debian policy (and lintian) want manual pages gzip-compressed at maximum level,
# without a timestamp so that rebuilds are reproducible.
file(GLOB_RECURSE _aod_man_pages LIST_DIRECTORIES false
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/man/*")
foreach(_page IN LISTS _aod_man_pages)
    if(_page MATCHES "\\.gz$" OR IS_SYMLINK "${_page}")
        continue()
    endif()
    execute_process(COMMAND gzip -9 -n -f "${_page}" RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "gzip failed on ${_page}")
    endif()
endforeach()
