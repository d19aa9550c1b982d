# ctest driver (cmake -P): install the SDK's runtime and dev components into a fresh temporary
# prefix, check what was installed, then configure, build and run tests/packaging/consumer
# against that prefix only, and compile one file with the pkg-config flags.
#
# -D inputs: AOD_BINARY_DIR AOD_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER VERSION
#            [CONSUMER_CXX_FLAGS] [MAKE_PROGRAM]
cmake_minimum_required(VERSION 3.25)
foreach(_v AOD_BINARY_DIR AOD_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER VERSION)
    if(NOT DEFINED ${_v})
        message(FATAL_ERROR "consumer-test.cmake needs -D${_v}=...")
    endif()
endforeach()

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    if(NOT _rc EQUAL 0)
        list(JOIN ARGN " " _cmd)
        message(FATAL_ERROR "FAILED (${_rc}): ${_cmd}\n${_out}")
    endif()
    set(RUN_OUTPUT "${_out}" PARENT_SCOPE)
endfunction()

set(_prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# 1. What libaodsdk0 + libaodsdk-dev contain, and nothing else: an SDK user needs no app files.
foreach(_component runtime dev)
    run(${CMAKE_COMMAND} --install ${AOD_BINARY_DIR} --prefix ${_prefix} --component ${_component})
endforeach()

# 2. The installed tree.
file(GLOB _config LIST_DIRECTORIES false ${_prefix}/lib*/cmake/AodSdk/AodSdkConfig.cmake
                                         ${_prefix}/lib/*/cmake/AodSdk/AodSdkConfig.cmake)
list(LENGTH _config _n)
if(NOT _n EQUAL 1)
    message(FATAL_ERROR "expected one AodSdkConfig.cmake under ${_prefix}, found: ${_config}")
endif()
get_filename_component(_cmakedir ${_config} DIRECTORY)
get_filename_component(_libdir ${_cmakedir}/../.. ABSOLUTE)
set(_expected
    ${_cmakedir}/AodSdkConfigVersion.cmake
    ${_cmakedir}/AodSdkTargets.cmake
    ${_libdir}/pkgconfig/aodsdk.pc
    ${_libdir}/libaodsdk.so
    ${_libdir}/libaodsdk.so.0
    ${_libdir}/libaodsdk.so.${VERSION}
    ${_libdir}/libaodtesting.so
    ${_libdir}/libaodtesting.so.0
    ${_prefix}/include/aod/client.h
    ${_prefix}/include/aod/reply.h
    ${_prefix}/include/aod/error.h
    ${_prefix}/include/aod/aod_export.h
    ${_prefix}/include/aod/version.h
    ${_prefix}/include/aod/testing/localserver.h
    ${_prefix}/include/aod/testing/aod_testing_export.h)
foreach(_f IN LISTS _expected)
    if(NOT EXISTS ${_f})
        message(FATAL_ERROR "not installed: ${_f}")
    endif()
endforeach()
file(GLOB_RECURSE _private ${_prefix}/include/*_p.h)
if(_private)
    message(FATAL_ERROR "private headers were installed: ${_private}")
endif()
file(GLOB_RECURSE _app_files ${_prefix}/bin/* ${_prefix}/share/*)
if(_app_files)
    message(FATAL_ERROR "the runtime/dev components install app files: ${_app_files}")
endif()

# The SONAME is what the runtime package is named after (libaodsdk0).
run(objdump -p ${_libdir}/libaodsdk.so.${VERSION})
if(NOT RUN_OUTPUT MATCHES "SONAME +libaodsdk\\.so\\.0\n")
    message(FATAL_ERROR "libaodsdk.so.${VERSION} lacks the SONAME libaodsdk.so.0:\n${RUN_OUTPUT}")
endif()

# A relocatable package: no installed CMake file may point back into the build or source tree.
file(GLOB _cmake_files ${_cmakedir}/*.cmake)
foreach(_f IN LISTS _cmake_files)
    file(READ ${_f} _text)
    foreach(_tree ${AOD_BINARY_DIR} ${AOD_SOURCE_DIR})
        string(FIND "${_text}" "${_tree}" _at)
        if(NOT _at EQUAL -1)
            message(FATAL_ERROR "${_f} refers to ${_tree}")
        endif()
    endforeach()
endforeach()

# 3. The consumer project, seeing only the prefix (no package registry, no build tree).
set(_consumer_build ${WORK_DIR}/consumer-build)
set(_configure ${CMAKE_COMMAND} -S ${AOD_SOURCE_DIR}/tests/packaging/consumer -B ${_consumer_build}
    -G ${GENERATOR}
    -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_PREFIX_PATH=${_prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
    -DAOD_EXPECTED_VERSION=${VERSION}
    -DAOD_EXPECTED_PREFIX=${_prefix})
if(MAKE_PROGRAM)
    list(APPEND _configure -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CONSUMER_CXX_FLAGS)
    list(APPEND _configure "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}"
                           "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_CXX_FLAGS}")
endif()
run(${_configure})
message(STATUS "consumer configured:\n${RUN_OUTPUT}")
run(${CMAKE_COMMAND} --build ${_consumer_build})
# The test binary must load the installed library, not the one in the build tree.
run(ldd ${_consumer_build}/tst_consumer)
if(NOT RUN_OUTPUT MATCHES "libaodsdk\\.so\\.0 => ${_libdir}/libaodsdk\\.so\\.0"
   OR NOT RUN_OUTPUT MATCHES "libaodtesting\\.so\\.0 => ${_libdir}/libaodtesting\\.so\\.0")
    message(FATAL_ERROR "tst_consumer does not load the installed libraries:\n${RUN_OUTPUT}")
endif()
run(${CMAKE_CTEST_COMMAND} --test-dir ${_consumer_build} --output-on-failure)
message(STATUS "consumer test:\n${RUN_OUTPUT}")

# 4. pkg-config: the flags it gives compile and link a one-file program. The .pc file holds the
# configured prefix; a copy moved to the temporary prefix must work, i.e. every path in it
# must derive from ${prefix}. pkg-config cannot carry the language standard: the SDK's headers
# need C++20, as its README says.
find_program(_pkgconfig pkg-config)
if(NOT _pkgconfig)
    message(FATAL_ERROR "pkg-config is missing (packaging/install-deps.sh installs it)")
endif()
file(READ ${_libdir}/pkgconfig/aodsdk.pc _pc)
string(REGEX REPLACE "(^|\n)prefix=[^\n]*" "\\1prefix=${_prefix}" _pc "${_pc}")
file(WRITE ${WORK_DIR}/pc/pkgconfig/aodsdk.pc "${_pc}")
set(ENV{PKG_CONFIG_PATH} ${WORK_DIR}/pc/pkgconfig)
run(${_pkgconfig} --modversion aodsdk)
string(STRIP "${RUN_OUTPUT}" _pcversion)
if(NOT _pcversion STREQUAL VERSION)
    message(FATAL_ERROR "aodsdk.pc has version '${_pcversion}', expected ${VERSION}")
endif()
run(${_pkgconfig} --cflags --libs aodsdk)
string(STRIP "${RUN_OUTPUT}" _pcflags)
separate_arguments(_pcflags UNIX_COMMAND "${_pcflags}")
file(WRITE ${WORK_DIR}/pc/main.cpp [=[
#include <aod/clientconfig.h>
#include <aod/version.h>
#include <cstdio>
int main()
{
    const Aod::ClientConfig config(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("t"));
    std::printf("%s %s\n", AOD_VERSION_STRING, qPrintable(config.baseUrl().toString()));
    return config.token() == QStringLiteral("t") ? 0 : 1;
}
]=])
separate_arguments(_extra UNIX_COMMAND "${CONSUMER_CXX_FLAGS}")
run(${CXX_COMPILER} -std=c++20 -fPIC ${_extra} ${WORK_DIR}/pc/main.cpp ${_pcflags}
    -Wl,-rpath,${_libdir} -o ${WORK_DIR}/pc/pc-consumer)
run(${WORK_DIR}/pc/pc-consumer)
if(NOT RUN_OUTPUT MATCHES "^${VERSION} http://127.0.0.1:1")
    message(FATAL_ERROR "the pkg-config consumer printed: ${RUN_OUTPUT}")
endif()
message(STATUS "pkg-config consumer: ${RUN_OUTPUT}")
