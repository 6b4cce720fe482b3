# SPDX-License-Identifier: MIT
# Install rules for the data, desktop integration and man pages, and the CPack DEB packages `awq-studio` and,
# in CUDA builds, `awq-studio-cuda` (the plugin libawq_cuda.so with NVIDIA's cuBLAS, cpack --config
# CPackConfig-cuda.cmake; scripts/package.sh --cuda-build-dir makes both).
# Included from the top-level CMakeLists.txt after app/, so the GUI target is visible when it exists.
# Layout (prefix /usr): bin/awq, bin/awq-studio, share/awq-studio/{models,calibration}, share/applications,
# share/metainfo, share/icons/hicolor, share/man/man1, share/doc/awq-studio.

set(AWQ_APP_ID "io.github.awqstudio.AwqStudio")
set(AWQ_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")
set(AWQ_DATA_DEST "${CMAKE_INSTALL_DATADIR}/awq-studio")
set(AWQ_DOC_DEST "${CMAKE_INSTALL_DATADIR}/doc/awq-studio")

# --- Data: the bundled model and the calibration corpus (found by bundled_model_path() and
# default_calibration_path() under /usr/share/awq-studio).
set(AWQ_BUNDLED_MODEL "${PROJECT_SOURCE_DIR}/resources/models/tiny-llama-kjv")
if(EXISTS "${AWQ_BUNDLED_MODEL}/config.json")
  install(DIRECTORY "${AWQ_BUNDLED_MODEL}" DESTINATION "${AWQ_DATA_DEST}/models"
          FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
else()
  message(WARNING "AWQ: ${AWQ_BUNDLED_MODEL} is missing; the package will not contain the bundled model")
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/resources/calibration/" DESTINATION "${AWQ_DATA_DEST}/calibration"
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# --- Man pages, compressed reproducibly (-n: no name or time stamp in the gzip header).
find_program(AWQ_GZIP gzip REQUIRED)
set(AWQ_MAN_PAGES awq)
if(TARGET awq-studio)
  list(APPEND AWQ_MAN_PAGES awq-studio)
endif()
set(AWQ_MAN_OUTPUTS "")
foreach(page IN LISTS AWQ_MAN_PAGES)
  set(src "${AWQ_PACKAGING_DIR}/man/${page}.1")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/packaging/man/${page}.1.gz")
  add_custom_command(OUTPUT "${out}"
                     COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/packaging/man"
                     COMMAND "${AWQ_GZIP}" -9n -c "${src}" > "${out}"
                     DEPENDS "${src}" VERBATIM)
  list(APPEND AWQ_MAN_OUTPUTS "${out}")
endforeach()

# Debian's changelog and copyright, required by policy in /usr/share/doc/<package>.
set(AWQ_CHANGELOG_GZ "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz")
add_custom_command(OUTPUT "${AWQ_CHANGELOG_GZ}"
                   COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/packaging"
                   COMMAND "${AWQ_GZIP}" -9n -c "${AWQ_PACKAGING_DIR}/debian/changelog" > "${AWQ_CHANGELOG_GZ}"
                   DEPENDS "${AWQ_PACKAGING_DIR}/debian/changelog" VERBATIM)
add_custom_target(awq_packaging_files ALL DEPENDS ${AWQ_MAN_OUTPUTS} "${AWQ_CHANGELOG_GZ}")
install(FILES ${AWQ_MAN_OUTPUTS} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${AWQ_CHANGELOG_GZ}" "${AWQ_PACKAGING_DIR}/debian/copyright" DESTINATION "${AWQ_DOC_DEST}")

# --- Desktop integration: only with the GUI (a launcher must not point at a missing program). The programs
# themselves are installed by their own folders (app/cli, app/gui); scripts/package.sh checks both are in.
if(TARGET awq-studio)
  install(FILES "${AWQ_PACKAGING_DIR}/${AWQ_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
  install(FILES "${AWQ_PACKAGING_DIR}/${AWQ_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/resources/icons/hicolor" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons"
          FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
          FILES_MATCHING PATTERN "awq-studio.png" PATTERN "awq-studio.svg")
endif()

# Tells scripts/package.sh whether this build has the GUI, so it knows which files the .deb must hold.
if(TARGET awq-studio)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/packaging/with-gui" "1\n")
else()
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/packaging/with-gui" "0\n")
endif()

# --- CPack: one binary package, dependencies computed from the linked libraries by dpkg-shlibdeps.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "awq-studio")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "AWQ Studio maintainers")
set(AWQ_DEB_MAINTAINER "AWQ Studio maintainers <maintainers@awq-studio.invalid>" CACHE STRING "Maintainer: field of the .deb")
set(CPACK_PACKAGE_CONTACT "${AWQ_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# The synopsis (one line, no trailing period) and the extended description of the Description: field.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "activation-aware 4-bit quantization (AWQ) of Llama-family models")
file(READ "${AWQ_PACKAGING_DIR}/debian/description" CPACK_DEBIAN_PACKAGE_DESCRIPTION)
string(STRIP "${CPACK_DEBIAN_PACKAGE_DESCRIPTION}" CPACK_DEBIAN_PACKAGE_DESCRIPTION)
# The programs never link CUDA: the GPU comes with the awq-studio-cuda package (below), which they load at run
# time. AWQ_DEB_RECOMMENDS lets a distributor add a field without editing this file.
set(AWQ_DEB_RECOMMENDS "" CACHE STRING "Recommends: field of the awq-studio .deb")
# Qt loads its platform and SVG icon plugins at run time, so dpkg-shlibdeps cannot see them.
if(TARGET awq-studio)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
endif()
if(AWQ_DEB_RECOMMENDS)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${AWQ_DEB_RECOMMENDS}")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "awq-studio-cuda")
include(CPack)

# --- awq-studio-cuda: the install component cuda_plugin (kernels/CMakeLists.txt: libawq_cuda.so, with the CUDA
# runtime linked in, and NVIDIA's libcublas/libcublasLt beside it) as a second .deb that needs nothing from the
# system but the NVIDIA driver. A separate CPack configuration, so that `cpack` alone still makes just the
# CPU package: it reads CPackConfig.cmake and installs only that component under another name.
if(TARGET awq_cuda)
  set(AWQ_CUDA_DOC_DEST "${CMAKE_INSTALL_DATADIR}/doc/awq-studio-cuda")
  install(FILES "${AWQ_CHANGELOG_GZ}" DESTINATION "${AWQ_CUDA_DOC_DEST}" COMPONENT cuda_plugin EXCLUDE_FROM_ALL)
  install(FILES "${AWQ_PACKAGING_DIR}/debian/awq-studio-cuda.copyright" DESTINATION "${AWQ_CUDA_DOC_DEST}"
          RENAME copyright COMPONENT cuda_plugin EXCLUDE_FROM_ALL)
  if(AWQ_CUDA_EULA)
    install(FILES "${AWQ_CUDA_EULA}" DESTINATION "${AWQ_CUDA_DOC_DEST}" RENAME NVIDIA-CUDA-EULA.txt
            COMPONENT cuda_plugin EXCLUDE_FROM_ALL)
  endif()
  file(READ "${AWQ_PACKAGING_DIR}/debian/description-cuda" AWQ_CUDA_DESCRIPTION)
  string(STRIP "${AWQ_CUDA_DESCRIPTION}" AWQ_CUDA_DESCRIPTION)
  string(REPLACE "\"" "\\\"" AWQ_CUDA_DESCRIPTION "${AWQ_CUDA_DESCRIPTION}")
  file(WRITE "${CMAKE_BINARY_DIR}/CPackConfig-cuda.cmake"
"# Generated by packaging/packaging.cmake: the awq-studio-cuda package (cpack --config CPackConfig-cuda.cmake).
include(\"${CMAKE_BINARY_DIR}/CPackConfig.cmake\")
set(CPACK_INSTALL_CMAKE_PROJECTS \"${CMAKE_BINARY_DIR};${PROJECT_NAME};cuda_plugin;/\")
set(CPACK_PACKAGE_NAME \"awq-studio-cuda\")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY \"CUDA plugin of AWQ Studio (AWQ quantization on NVIDIA GPUs)\")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION \"${AWQ_CUDA_DESCRIPTION}\")
set(CPACK_DEBIAN_PACKAGE_SECTION \"non-free/science\")
set(CPACK_DEBIAN_PACKAGE_DEPENDS \"awq-studio (= ${PROJECT_VERSION})\")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS \"usr/lib/awq-studio\")  # relative to the staging root
unset(CPACK_DEBIAN_PACKAGE_RECOMMENDS)
unset(CPACK_DEBIAN_PACKAGE_SUGGESTS)
set(CPACK_PACKAGE_FILE_NAME \"awq-studio-cuda-${PROJECT_VERSION}\")
set(CPACK_OUTPUT_CONFIG_FILE \"${CMAKE_BINARY_DIR}/CPackConfig-cuda.cmake\")
")
endif()
