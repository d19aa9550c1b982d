# ctest driver (cmake -P): build the Debian packages of this build tree with cpack into a fresh
# directory and check each one with dpkg-deb: names, versions, Depends, files, the shlibs file;
# then unpack them and validate the installed desktop entry, metainfo and icons as a tree.
#
# -D inputs: AOD_BINARY_DIR WORK_DIR VERSION PREFIX APP_ID WITH_APP WITH_KEYCHAIN
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/check-common.cmake)
aod_check_require(deb-test.cmake AOD_BINARY_DIR WORK_DIR VERSION PREFIX APP_ID WITH_APP WITH_KEYCHAIN)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
        list(JOIN ARGN " " _cmd)
        message(FATAL_ERROR "FAILED (${_rc}): ${_cmd}\n${_out}\n${_err}")
    endif()
    set(RUN_OUTPUT "${_out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
run(dpkg --print-architecture)
string(STRIP "${RUN_OUTPUT}" _arch)

# 1. Build the packages.
run(${CMAKE_CPACK_COMMAND} -G DEB --config ${AOD_BINARY_DIR}/CPackConfig.cmake -B ${WORK_DIR})
message(STATUS "cpack:\n${RUN_OUTPUT}")

set(_packages libaodsdk0 libaodsdk-dev)
if(WITH_APP)
    list(APPEND _packages aod-desktop)
endif()
file(GLOB _debs ${WORK_DIR}/*.deb)
list(LENGTH _debs _ndebs)
list(LENGTH _packages _npackages)
if(NOT (_ndebs EQUAL _npackages))
    fail("expected ${_npackages} packages (${_packages}), cpack made: ${_debs}")
endif()

# Paths inside the packages are "./<prefix without the leading slash>/...".
string(REGEX REPLACE "^/" "./" _root "${PREFIX}")
string(REGEX REPLACE "/$" "" _root "${_root}")

foreach(_pkg IN LISTS _packages)
    set(_deb ${WORK_DIR}/${_pkg}_${VERSION}-1_${_arch}.deb)
    if(NOT EXISTS ${_deb})
        string(APPEND _failures "\n  - ${_deb} was not built")
        continue()
    endif()
    run(dpkg-deb --field ${_deb} Package Version Architecture Maintainer Section Description Depends)
    set(_control_${_pkg} "${RUN_OUTPUT}")
    run(dpkg-deb --contents ${_deb})
    # "perm owner size date time ./path[ -> target]" -> "./path[ -> target]"
    string(REGEX REPLACE "(^|\n)[^\n]* \\./" "\\1./" _list "${RUN_OUTPUT}")
    set(_files_${_pkg} "${_list}")
    message(STATUS "${_pkg}:\n${_control_${_pkg}}${_list}")
    if(NOT (_control_${_pkg} MATCHES "Package: ${_pkg}\n"))
        fail("${_pkg}: wrong Package field")
    endif()
    if(NOT (_control_${_pkg} MATCHES "Version: ${VERSION}-1\n"))
        fail("${_pkg}: wrong Version field")
    endif()
    if(NOT (_control_${_pkg} MATCHES "Maintainer: [^\n]+<[^>]+@[^>]+>"))
        fail("${_pkg}: no Maintainer address")
    endif()
    if(NOT _list MATCHES "(^|\n)\./usr/share/doc/${_pkg}/changelog\.Debian\.gz\n")
        fail("${_pkg}: no /usr/share/doc/${_pkg}/changelog.Debian.gz")
    endif()
    # Everything belongs to root in a package, whoever built it.
    string(REGEX MATCHALL "[^\n]+" _lines "${RUN_OUTPUT}")
    string(REGEX MATCHALL "[^\n]+ root/root +[^\n]+" _rooted "${RUN_OUTPUT}")
    list(LENGTH _lines _nl)
    list(LENGTH _rooted _nr)
    if(NOT (_nl EQUAL _nr))
        fail("${_pkg}: only ${_nr} of ${_nl} entries are owned by root/root")
    endif()
endforeach()

# Functions, not macros: a macro would evaluate the backslashes of the regexes a second time.
function(expect_file _pkg _regex)
    if(NOT _files_${_pkg} MATCHES "(^|\n)${_root}/${_regex}(\n| -> )")
        set(_failures "${_failures}\n  - ${_pkg} lacks ${_root}/${_regex}" PARENT_SCOPE)
    endif()
endfunction()
function(expect_depends _pkg _regex)
    if(NOT _control_${_pkg} MATCHES "Depends: ([^\n]*[ ,])?${_regex}")
        set(_failures "${_failures}\n  - ${_pkg}: Depends lacks ${_regex}" PARENT_SCOPE)
    endif()
endfunction()
set(_v "${VERSION}")
string(REPLACE "." "\\." _v "${_v}")
set(_libdir "lib(/[a-z0-9_]+-linux-[a-z0-9_]+)?")

# 2. libaodsdk0: the two libraries by SONAME, nothing for development.
expect_file(libaodsdk0 "${_libdir}/libaodsdk\\.so\\.${_v}")
expect_file(libaodsdk0 "${_libdir}/libaodsdk\\.so\\.0")
expect_file(libaodsdk0 "${_libdir}/libaodtesting\\.so\\.0")
if(_files_libaodsdk0 MATCHES "\\.so(\n| )|/include/|/cmake/|\\.pc\n|/bin/")
    fail("libaodsdk0 contains development or app files")
endif()
expect_depends(libaodsdk0 "libqt6core6 \\(>= 6\\.")
expect_depends(libaodsdk0 "libqt6network6 \\(>= 6\\.")
expect_depends(libaodsdk0 "libc6 ")
if(NOT (_control_libaodsdk0 MATCHES "Section: libs\n"))
    fail("libaodsdk0: Section is not libs")
endif()
run(dpkg-deb --info ${WORK_DIR}/libaodsdk0_${VERSION}-1_${_arch}.deb shlibs)
if(NOT (RUN_OUTPUT MATCHES "libaodsdk 0 libaodsdk0 \\(>= ${_v}"))
    fail("libaodsdk0: no shlibs entry for libaodsdk: ${RUN_OUTPUT}")
endif()

run(dpkg-deb --info ${WORK_DIR}/libaodsdk0_${VERSION}-1_${_arch}.deb triggers)
if(NOT RUN_OUTPUT MATCHES "(^|\n)activate-noawait ldconfig\n")
    fail("libaodsdk0 does not trigger ldconfig")
endif()

# 3. libaodsdk-dev: headers, link-time .so, CMake package, pkg-config; depends on Qt's dev package.
foreach(_f include/aod/client\\.h include/aod/reply\\.h include/aod/aod_export\\.h include/aod/version\\.h
           include/aod/testing/localserver\\.h include/aod/testing/aod_testing_export\\.h
           "${_libdir}/libaodsdk\\.so" "${_libdir}/libaodtesting\\.so"
           "${_libdir}/cmake/AodSdk/AodSdkConfig\\.cmake" "${_libdir}/cmake/AodSdk/AodSdkConfigVersion\\.cmake"
           "${_libdir}/cmake/AodSdk/AodSdkTargets\\.cmake" "${_libdir}/pkgconfig/aodsdk\\.pc")
    expect_file(libaodsdk-dev "${_f}")
endforeach()
if(_files_libaodsdk-dev MATCHES "_p\\.h\n")
    fail("libaodsdk-dev ships private headers")
endif()
if(_files_libaodsdk-dev MATCHES "(^|\n)[^ \n]+\\.so\\.[0-9]")
    fail("libaodsdk-dev ships the runtime libraries")
endif()
expect_depends(libaodsdk-dev "libaodsdk0 \\(= ${_v}-1\\)")
expect_depends(libaodsdk-dev "qt6-base-dev \\(>= 6\\.4\\)")
# The pkg-config file inside the package must point at the package's own prefix.
run(dpkg-deb -x ${WORK_DIR}/libaodsdk-dev_${VERSION}-1_${_arch}.deb ${WORK_DIR}/root-dev)
file(GLOB_RECURSE _pc ${WORK_DIR}/root-dev/*/aodsdk.pc)
if(_pc)
    file(READ "${_pc}" _pctext)
    if(NOT (_pctext MATCHES "(^|\n)prefix=${PREFIX}\n"))
        fail("aodsdk.pc in the package does not say prefix=${PREFIX}")
    endif()
endif()

# 4. aod-desktop: the three programs, desktop integration, man page, completion.
if(WITH_APP)
    foreach(_f bin/aod-desktop bin/aod bin/aod-server
               "share/applications/${APP_ID}\\.desktop"
               "share/metainfo/${APP_ID}\\.metainfo\\.xml"
               "share/icons/hicolor/scalable/apps/${APP_ID}\\.svg"
               share/man/man1/aod\\.1\\.gz
               share/man/man1/aod-server\\.1\\.gz
               share/man/man1/aod-desktop\\.1\\.gz
               share/bash-completion/completions/aod)
        expect_file(aod-desktop "${_f}")
    endforeach()
    foreach(_size 16 22 24 32 48 64 128 256 512)
        expect_file(aod-desktop "share/icons/hicolor/${_size}x${_size}/apps/${APP_ID}\\.png")
    endforeach()
    if(_files_aod-desktop MATCHES "/include/|\\.so")
        fail("aod-desktop contains library files")
    endif()
    expect_depends(aod-desktop "libaodsdk0 \\(= ${_v}-1\\)")
    expect_depends(aod-desktop "libqt6widgets6 \\(>= 6\\.")
    expect_depends(aod-desktop "libqt6core6 \\(>= 6\\.")
    expect_depends(aod-desktop "qt6-qpa-plugins")
    expect_depends(aod-desktop "libqt6svg6")
    if(WITH_KEYCHAIN)
        expect_depends(aod-desktop "libqt6keychain1 ")
    endif()

    # Unpack and check the installed tree as a desktop would see it.
    set(_tree ${WORK_DIR}/root-app)
    run(dpkg-deb -x ${WORK_DIR}/aod-desktop_${VERSION}-1_${_arch}.deb ${_tree})
    set(_share ${_tree}${PREFIX}/share)
    run(desktop-file-validate ${_share}/applications/${APP_ID}.desktop)
    # Every PNG has the size its directory promises (IHDR width/height at bytes 16..23).
    foreach(_size 16 22 24 32 48 64 128 256 512)
        set(_png ${_share}/icons/hicolor/${_size}x${_size}/apps/${APP_ID}.png)
        if(EXISTS ${_png})
            file(READ ${_png} _hdr OFFSET 0 LIMIT 24 HEX)
            string(SUBSTRING "${_hdr}" 0 16 _magic)
            string(SUBSTRING "${_hdr}" 32 16 _wh)
            math(EXPR _hex "${_size}" OUTPUT_FORMAT HEXADECIMAL)
            string(REGEX REPLACE "^0x" "" _hex "${_hex}")
            string(LENGTH "${_hex}" _len)
            math(EXPR _pad "8 - ${_len}")
            string(REPEAT "0" ${_pad} _zeros)
            set(_dim "${_zeros}${_hex}")
            if(NOT _magic STREQUAL "89504e470d0a1a0a" OR NOT _wh STREQUAL "${_dim}${_dim}")
                fail("${_png} is not a ${_size}x${_size} PNG (header ${_hdr})")
            endif()
        endif()
    endforeach()
    # Every man page is gzip-compressed (Debian policy 12.1) and still a man page.
    foreach(_page aod aod-server aod-desktop)
        set(_gz ${_share}/man/man1/${_page}.1.gz)
        if(EXISTS ${_gz})
            file(READ ${_gz} _magic LIMIT 2 HEX)
            if(NOT _magic STREQUAL "1f8b")
                fail("${_page}.1.gz is not gzip-compressed")
            endif()
            execute_process(COMMAND gzip -dc ${_gz} OUTPUT_VARIABLE _roff RESULT_VARIABLE _rc)
            if(NOT _rc EQUAL 0 OR NOT _roff MATCHES "^\\.TH ")
                fail("${_page}.1.gz does not hold a man page")
            endif()
        endif()
    endforeach()
    # The desktop entry launches a program of the package and names an icon of the package.
    file(READ ${_share}/applications/${APP_ID}.desktop _entry)
    if(NOT (_entry MATCHES "\nExec=aod-desktop[ \n]"))
        fail("the desktop entry does not run aod-desktop")
    endif()
    if(NOT (_entry MATCHES "\nIcon=${APP_ID}\n"))
        fail("the desktop entry's Icon is not ${APP_ID}")
    endif()
    # AppStream's own view of the installed tree (it looks under <root>/usr).
    set(_asroot ${WORK_DIR}/appstream-root)
    file(MAKE_DIRECTORY ${_asroot})
    file(CREATE_LINK ${_tree}${PREFIX} ${_asroot}/usr SYMBOLIC)
    run(appstreamcli validate-tree --no-net --strict ${_asroot})
    message(STATUS "appstreamcli validate-tree:\n${RUN_OUTPUT}")
endif()

# 5. apt can resolve every declared dependency from Debian's archive (a dry run: nothing is
# installed, no root needed). This is what `apt install ./*.deb` does first.
find_program(_apt apt-get)
if(_apt)
    set(_local_debs)
    foreach(_pkg IN LISTS _packages)
        list(APPEND _local_debs ${WORK_DIR}/${_pkg}_${VERSION}-1_${_arch}.deb)
    endforeach()
    execute_process(COMMAND ${_apt} install --simulate --no-install-recommends
                            -o Debug::NoLocking=1 ${_local_debs}
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    if(NOT _rc EQUAL 0)
        fail("apt cannot install the packages:\n${_out}")
    endif()
    foreach(_pkg IN LISTS _packages)
        if(NOT _out MATCHES "\nInst ${_pkg} " AND NOT _out MATCHES "\n${_pkg} is already the newest")
            fail("apt's dry run would not install ${_pkg}:\n${_out}")
        endif()
    endforeach()
endif()

# 6. lintian, for information only (this build's packages are not release builds: a dev build
# installs under /usr/local, not reported here, and keeps debug info).
find_program(_lintian lintian)
if(_lintian)
    set(_local_debs)
    foreach(_pkg IN LISTS _packages)
        list(APPEND _local_debs ${WORK_DIR}/${_pkg}_${VERSION}-1_${_arch}.deb)
    endforeach()
    execute_process(COMMAND ${_lintian} --tag-display-limit 0
                            --suppress-tags dir-in-usr-local,file-in-usr-local,file-in-unusual-dir
                            ${_local_debs}
                    TIMEOUT 180 OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    message(STATUS "lintian (information only):\n${_out}")
endif()

if(_failures)
    message(FATAL_ERROR "package checks failed:${_failures}")
endif()
message(STATUS "all package checks passed: ${_packages}")
