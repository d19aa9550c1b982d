# Packaging: desktop entry, AppStream metadata, hicolor icons, SDK API docs (`docs` target) and
# the CPack configuration of the Debian packages. Included from packaging/CMakeLists.txt, which
# the top level adds after sdk/ and app/, so every target and install rule already exists here.
#
# Packages (one per install component):
#   aod-desktop    component "app":     aod-desktop, aod, aod-server, desktop entry, metainfo,
#                                       icons, man page, bash completion
#   libaodsdk0     component "runtime": libaodsdk.so.0 and libaodtesting.so.0 (the SONAMEs)
#   libaodsdk-dev  component "dev":     headers, libaod*.so links, CMake package, pkg-config file
#
# Release packages: configure with -DCMAKE_INSTALL_PREFIX=/usr (Debian paths, multiarch libdir),
# build, then `cpack -G DEB` in the build directory. See packaging/build-debs.sh.

set(AOD_APP_ID "id.ravi.aod.Desktop" CACHE INTERNAL "Reverse-DNS id of the desktop app")
set(_aod_linux_dir ${CMAKE_CURRENT_LIST_DIR}/linux)

# --- desktop integration (only with the desktop app) ----------------------------------------
if(TARGET aod-desktop)
    install(FILES ${_aod_linux_dir}/${AOD_APP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT app)
    install(FILES ${_aod_linux_dir}/${AOD_APP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT app)

    # hicolor icons: the SVG as "scalable", PNG sizes rendered from it at build time, so the
    # committed source of truth stays the one SVG of resources/icons.
    set(_aod_icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/aod-desktop.svg)
    if(EXISTS ${_aod_icon_svg})
        install(FILES ${_aod_icon_svg}
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
                RENAME ${AOD_APP_ID}.svg COMPONENT app)
        find_program(AOD_RSVG_CONVERT rsvg-convert)
        if(AOD_RSVG_CONVERT)
            set(_aod_pngs)
            foreach(_size 16 22 24 32 48 64 128 256 512)
                set(_dir ${CMAKE_CURRENT_BINARY_DIR}/icons/hicolor/${_size}x${_size}/apps)
                set(_png ${_dir}/${AOD_APP_ID}.png)
                add_custom_command(OUTPUT ${_png}
                    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
                    COMMAND ${AOD_RSVG_CONVERT} --width ${_size} --height ${_size}
                            --keep-aspect-ratio --format png --output ${_png} ${_aod_icon_svg}
                    DEPENDS ${_aod_icon_svg}
                    COMMENT "Rendering the ${_size}x${_size} app icon"
                    VERBATIM)
                list(APPEND _aod_pngs ${_png})
            endforeach()
            add_custom_target(aod_icons ALL DEPENDS ${_aod_pngs})
            install(DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/icons/hicolor
                    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons COMPONENT app)
        else()
            message(WARNING "rsvg-convert (Debian: librsvg2-bin) not found: "
                            "only the scalable app icon is installed")
        endif()
    else()
        message(WARNING "${_aod_icon_svg} is missing: no app icon is installed")
    endif()
endif()

# --- API documentation: `cmake --build <dir> --target docs` -> <dir>/docs/sdk/html/index.html
set(AOD_DOCS_OUTPUT_DIR ${PROJECT_BINARY_DIR}/docs/sdk CACHE INTERNAL "Where the docs target writes")
find_program(AOD_DOXYGEN doxygen)
if(AOD_DOXYGEN)
    set(AOD_DOCS_WARN_LOG ${AOD_DOCS_OUTPUT_DIR}/doxygen-warnings.log)
    configure_file(${CMAKE_CURRENT_LIST_DIR}/Doxyfile.in ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile @ONLY)
    file(GLOB_RECURSE _aod_doc_inputs CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/sdk/include/*.h ${PROJECT_SOURCE_DIR}/sdk/testing/include/*.h)
    add_custom_target(docs
        COMMAND ${CMAKE_COMMAND} -E make_directory ${AOD_DOCS_OUTPUT_DIR}
        COMMAND ${AOD_DOXYGEN} ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile
        DEPENDS ${_aod_doc_inputs} ${PROJECT_SOURCE_DIR}/sdk/README.md
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Generating the SDK API documentation in ${AOD_DOCS_OUTPUT_DIR}/html"
        VERBATIM)
else()
    add_custom_target(docs
        COMMAND ${CMAKE_COMMAND} -E echo "doxygen not found (Debian: apt install doxygen)"
        COMMAND ${CMAKE_COMMAND} -E false)
endif()

# --- CPack: Debian packages ----------------------------------------------------------------
set(CPACK_PACKAGE_NAME "aod-desktop")
set(CPACK_PACKAGE_VENDOR "The AoD Desktop developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package has its own synopsis (the first line of its CPACK_DEBIAN_<COMPONENT>_DESCRIPTION).
# CPackDeb prepends the summary to every description unless it is CPack's default text.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "The AoD Desktop developers <aod-desktop@ravi.id>")
set(CPACK_GENERATOR "DEB")
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/\\\\.cache/")
set(CPACK_STRIP_FILES ON)
# The package's paths are the configured ones, so absolute paths baked at configure time (the
# pkg-config file's prefix) stay true inside the package. Configure with /usr for release debs.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(STATUS "Debian packages of this build install under ${CMAKE_INSTALL_PREFIX}; "
                   "configure with -DCMAKE_INSTALL_PREFIX=/usr for distributable packages")
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING IGNORE)
set(CPACK_COMPONENTS_ALL runtime dev)
if(TARGET aod OR TARGET aod-desktop OR TARGET aod-server)
    list(PREPEND CPACK_COMPONENTS_ALL app)
endif()
set(CPACK_COMPONENT_APP_DEPENDS runtime)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
# The component dependencies above become "libaodsdk0 (= <version>)" in Depends.
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# Library dependencies (libqt6core6, libqt6widgets6, libqt6keychain1, libc6, ...) come from
# dpkg-shlibdeps with the versions Debian's own symbols files give. Our own libraries are not
# installed from a package while building, so dpkg-shlibdeps is pointed at the build tree to
# find them; the dependency on them is the exact-version component dependency instead.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS)
foreach(_lib aod_sdk aod_testing)
    if(TARGET ${_lib})
        get_target_property(_out ${_lib} LIBRARY_OUTPUT_DIRECTORY)
        if(NOT _out)
            get_target_property(_out ${_lib} BINARY_DIR)
        endif()
        list(APPEND CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${_out})
    endif()
endforeach()
# libaodsdk0 ships a shlibs file, so other packages built against it get
# "libaodsdk0 (>= <version>)" from their own dpkg-shlibdeps run.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

# aod-desktop
set(CPACK_DEBIAN_APP_PACKAGE_NAME "aod-desktop")
set(CPACK_DEBIAN_APP_PACKAGE_SECTION "devel")
# Not linked, so invisible to dpkg-shlibdeps, but needed at run time: the platform plugins (a
# window at all; libqt6gui6 only recommends them) and the SVG icon engine and image plugin.
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
# Qt's own strings (dialog buttons) in the user's language.
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# QtKeychain talks to a Secret Service provider; without one tokens are kept for the session only.
set(CPACK_DEBIAN_APP_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_APP_DESCRIPTION
"Desktop console and command-line tool for the Agent on Demand API
AoD Desktop runs and watches AI coding agents (Claude Code, Codex) on an
Agent on Demand (AoD) server: agents, environments, sessions and their live
output, with API tokens kept in the system keychain.
.
This package contains the aod-desktop app, the aod command-line tool for
scripts and the aod-server local AoD server for tests and offline demos.")

# libaodsdk0
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "libaodsdk${PROJECT_VERSION_MAJOR}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION "libs")
# The dynamic linker cache is refreshed through dpkg's ldconfig trigger, as debhelper does it.
# CPack adds its own ldconfig calls only for /usr/lib and /lib, so a /usr/local build needs it.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/deb/runtime/triggers)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
"Qt 6 SDK for the Agent on Demand API - runtime library
A QtNetwork client for every route of the Agent on Demand (AoD) API with
typed models, one structured error type, Qt signals for results and a live
event stream that resumes by itself.
.
This package contains the shared libraries: the SDK and the local AoD
server library used by tests and the offline demo.")

# libaodsdk-dev
set(CPACK_DEBIAN_DEV_PACKAGE_NAME "libaodsdk-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION "libdevel")
# AodSdkConfig.cmake calls find_dependency(Qt6 COMPONENTS Core Network) and aodsdk.pc requires
# Qt6Core and Qt6Network: both come with Qt's development package.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "qt6-base-dev (>= 6.4)")
set(CPACK_DEBIAN_DEV_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DEV_DESCRIPTION
"Qt 6 SDK for the Agent on Demand API - development files
A QtNetwork client for every route of the Agent on Demand (AoD) API with
typed models, one structured error type, Qt signals for results and a live
event stream that resumes by itself.
.
This package contains the headers, the CMake package (find_package(AodSdk)
with the targets Aod::Sdk and Aod::Testing) and the pkg-config file.")

# Debian wants compressed man pages; owners install them plain, so compress in the staging tree.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/cpack-prebuild.cmake)

include(CPack)
