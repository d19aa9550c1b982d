# CPack pre-build script: runs on the staging tree after the install and before the packages
# are made. Debian policy (and lintian) want manual pages gzip-compressed at maximum level,
# without a timestamp so that rebuilds are reproducible.
file(GLOB_RECURSE _aod_staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
set(_aod_man_pages ${_aod_staged})
list(FILTER _aod_man_pages INCLUDE REGEX "/share/man/([a-z_A-Z.@]+/)?man[0-9][^/]*/[^/]+$")
foreach(_page IN LISTS _aod_man_pages)
    if(_page MATCHES "\\.gz$" OR IS_SYMLINK "${_page}")
        continue()
    endif()
    execute_process(COMMAND gzip -9 -n -f "${_page}" RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "gzip failed on ${_page}")
    endif()
endforeach()

# Every Debian package carries /usr/share/doc/<package>/changelog.Debian.gz. The packages are
# built from upstream releases, so one entry per version says which release it is.
# string(TIMESTAMP) honours SOURCE_DATE_EPOCH for reproducible builds.
if(CPACK_GENERATOR STREQUAL "DEB")
    string(TIMESTAMP _aod_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
    foreach(_component IN LISTS CPACK_COMPONENTS_ALL)
        string(TOUPPER "${_component}" _upper)
        set(_pkg "${CPACK_DEBIAN_${_upper}_PACKAGE_NAME}")
        set(_root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/${_component}")
        if(NOT _pkg OR NOT IS_DIRECTORY "${_root}")
            continue()
        endif()
        set(_doc "${_root}/usr/share/doc/${_pkg}")
        file(MAKE_DIRECTORY "${_doc}")
        file(WRITE "${_doc}/changelog.Debian"
"${_pkg} (${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}) unstable; urgency=medium

  * Upstream release ${CPACK_PACKAGE_VERSION}, packaged with CPack.

 -- ${CPACK_DEBIAN_PACKAGE_MAINTAINER}  ${_aod_date}
")
        execute_process(COMMAND gzip -9 -n -f "${_doc}/changelog.Debian" RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
            message(FATAL_ERROR "gzip failed on ${_doc}/changelog.Debian")
        endif()
        # Debian policy 12.5: every package carries its copyright file (machine-readable format).
        file(READ "${CMAKE_CURRENT_LIST_DIR}/../LICENSE" _aod_license)
        string(REGEX REPLACE "\n\n" "\n.\n" _aod_license_body "${_aod_license}")
        string(REGEX REPLACE "\n" "\n " _aod_license_body "${_aod_license_body}")
        file(WRITE "${_doc}/copyright"
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: AoD Desktop
Source: ${CPACK_PACKAGE_HOMEPAGE_URL}

Files: *
Copyright: 2026 The AoD Desktop authors
License: MIT
 ${_aod_license_body}
")
    endforeach()
endif()
