# ctest driver (cmake -P): `apt install ./*.deb` for real. Installs the packages packaging_debs
# built (its fixture) with apt-get, as a user would, checks the installed system: the programs
# run from their installed paths with the libraries found through the dynamic linker cache, man
# finds the pages, dpkg owns the files, pkg-config finds the SDK; then purges the packages again.
#
# This changes the machine, so it runs only as root, only when none of the packages is already
# installed (an operator's own install is never replaced or removed), one run at a time on the
# machine (a lock file), and always removes what it installed, also when a check fails.
# Packages apt pulled in as dependencies stay (marked automatically installed).
#
# -D inputs: DEB_DIR VERSION PREFIX WITH_APP
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/check-common.cmake)
aod_check_require(apt-install-test.cmake DEB_DIR VERSION PREFIX WITH_APP)

execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _uid STREQUAL "0")
    message(STATUS "SKIPPED: installing packages needs root (the dry run in packaging_debs still ran)")
    return()
endif()
find_program(_apt apt-get)
find_program(_dpkg_query dpkg-query)
if(NOT _apt OR NOT _dpkg_query)
    message(FATAL_ERROR "apt-get and dpkg-query are needed (Debian)")
endif()

set(_packages libaodsdk0 libaodsdk-dev)
if(WITH_APP)
    list(APPEND _packages aod-desktop)
endif()
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _arch OUTPUT_STRIP_TRAILING_WHITESPACE)
set(_debs)
foreach(_pkg IN LISTS _packages)
    set(_deb ${DEB_DIR}/${_pkg}_${VERSION}-1_${_arch}.deb)
    if(NOT EXISTS ${_deb})
        message(FATAL_ERROR "${_deb} does not exist (packaging_debs builds it)")
    endif()
    list(APPEND _debs ${_deb})
endforeach()

function(installed_version _pkg _out)
    execute_process(COMMAND ${_dpkg_query} -W -f=\${Status}|\${Version} ${_pkg}
                    OUTPUT_VARIABLE _s ERROR_QUIET RESULT_VARIABLE _rc)
    if(_rc EQUAL 0 AND _s MATCHES "^install ok installed\\|(.*)$")
        set(${_out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    else()
        set(${_out} "" PARENT_SCOPE)
    endif()
endfunction()

# One install at a time on this machine: test runs of other build trees use the same lock.
file(LOCK /tmp/aod-packaging-apt-install.lock GUARD PROCESS TIMEOUT 300 RESULT_VARIABLE _lock)
if(NOT _lock EQUAL 0)
    message(FATAL_ERROR "could not take /tmp/aod-packaging-apt-install.lock: ${_lock}")
endif()
foreach(_pkg IN LISTS _packages)
    installed_version(${_pkg} _v)
    if(_v)
        message(STATUS "SKIPPED: ${_pkg} ${_v} is already installed on this machine; not replacing it")
        return()
    endif()
endforeach()

set(_apt_opts -y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
set(ENV{DEBIAN_FRONTEND} noninteractive)

# 1. Install, as a user would: apt resolves the Qt and QtKeychain dependencies from the archive.
execute_process(COMMAND ${_apt} install ${_apt_opts} ${_debs}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
message(STATUS "apt-get install:\n${_out}")
if(NOT _rc EQUAL 0)
    fail("apt-get install ./*.deb failed (${_rc})")
endif()

# 2. The installed system.
if(_rc EQUAL 0)
    foreach(_pkg IN LISTS _packages)
        installed_version(${_pkg} _v)
        if(NOT _v STREQUAL "${VERSION}-1")
            fail("${_pkg} is not installed as ${VERSION}-1 (dpkg says '${_v}')")
        endif()
    endforeach()

    # Programs run from the installed paths in a clean environment: no LD_LIBRARY_PATH, the
    # library is found through ld.so.cache (the package's ldconfig trigger).
    set(_env ${CMAKE_COMMAND} -E env --unset=LD_LIBRARY_PATH --unset=QT_PLUGIN_PATH
             QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 HOME=${DEB_DIR})
    function(check_run _label _regex)
        execute_process(COMMAND ${_env} ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _o ERROR_VARIABLE _e)
        if(NOT _rc EQUAL 0 OR NOT _o MATCHES "${_regex}")
            set(_failures "${_failures}\n  - ${_label} (${_rc}): ${_o}${_e}" PARENT_SCOPE)
        else()
            message(STATUS "${_label}: ok")
        endif()
    endfunction()
    set(_v "${VERSION}")
    string(REPLACE "." "\\." _v "${_v}")
    execute_process(COMMAND ldconfig -p OUTPUT_VARIABLE _cache)
    if(NOT _cache MATCHES "libaodsdk\\.so\\.0 [^\n]*=> ${PREFIX}/lib[^\n]*/libaodsdk\\.so\\.0\n")
        fail("libaodsdk.so.0 is not in the dynamic linker cache under ${PREFIX}")
    endif()
    if(WITH_APP)
        check_run("aod --version" "${_v}" ${PREFIX}/bin/aod --version)
        check_run("aod-server --help" "--port" ${PREFIX}/bin/aod-server --help)
        check_run("aod-desktop --version" "${_v}" ${PREFIX}/bin/aod-desktop --version)
        # The library it loads is the installed one (through the cache or its RUNPATH).
        execute_process(COMMAND ${_env} ldd ${PREFIX}/bin/aod OUTPUT_VARIABLE _ldd)
        set(_loaded "")
        if(_ldd MATCHES "libaodsdk\\.so\\.0 => ([^ \n]+) \\(")
            file(REAL_PATH "${CMAKE_MATCH_1}" _loaded)
        endif()
        file(REAL_PATH "${PREFIX}/lib" _libdir)
        if(NOT _loaded MATCHES "^${_libdir}/([a-z0-9_]+-linux-[a-z0-9_]+/)?libaodsdk\\.so\\.")
            fail("installed aod does not load the installed libaodsdk.so.0:\n${_ldd}")
        endif()
        # man finds every page (in the package, gzipped).
        find_program(_man man)
        foreach(_page aod aod-server aod-desktop)
            if(_man)
                check_run("man -w ${_page}" "/man1/${_page}\\.1\\.gz" ${_man} -w ${_page})
            elseif(NOT EXISTS ${PREFIX}/share/man/man1/${_page}.1.gz)
                fail("${PREFIX}/share/man/man1/${_page}.1.gz is not installed")
            endif()
        endforeach()
        execute_process(COMMAND dpkg -L aod-desktop OUTPUT_VARIABLE _owned)
        foreach(_f bin/aod bin/aod-server bin/aod-desktop share/man/man1/aod-server.1.gz
                   share/man/man1/aod-desktop.1.gz share/applications/id.ravi.aod.Desktop.desktop)
            if(NOT _owned MATCHES "(^|\n)${PREFIX}/${_f}\n" OR NOT EXISTS ${PREFIX}/${_f})
                fail("dpkg -L aod-desktop: ${PREFIX}/${_f} is not installed by the package")
            endif()
        endforeach()
    endif()
    execute_process(COMMAND dpkg -L libaodsdk-dev OUTPUT_VARIABLE _owned)
    if(NOT _owned MATCHES "/cmake/AodSdk/AodSdkConfig\\.cmake\n")
        fail("dpkg -L libaodsdk-dev has no AodSdkConfig.cmake")
    endif()
    find_program(_pkgconfig pkg-config)
    if(_pkgconfig)
        check_run("pkg-config --modversion aodsdk" "^${_v}\n" ${_pkgconfig} --modversion aodsdk)
    endif()
endif()

# 3. Remove them again (whatever happened above), and nothing of them stays behind.
execute_process(COMMAND ${_apt} remove --purge ${_apt_opts} ${_packages}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
message(STATUS "apt-get remove --purge:\n${_out}")
if(NOT _rc EQUAL 0)
    fail("apt-get remove --purge failed (${_rc})")
endif()
foreach(_pkg IN LISTS _packages)
    installed_version(${_pkg} _v)
    if(_v)
        fail("${_pkg} ${_v} is still installed after the purge")
    endif()
endforeach()
file(GLOB _left ${PREFIX}/bin/aod ${PREFIX}/bin/aod-server ${PREFIX}/bin/aod-desktop
               ${PREFIX}/lib/libaod*.so* ${PREFIX}/lib/*/libaod*.so* ${PREFIX}/include/aod
               ${PREFIX}/share/man/man1/aod*.1.gz)
if(_left)
    fail("still there after the purge: ${_left}")
endif()

if(_failures)
    message(FATAL_ERROR "apt install checks failed:${_failures}")
endif()
message(STATUS "installed, checked and purged: ${_packages}")
