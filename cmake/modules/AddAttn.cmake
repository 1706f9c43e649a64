# Helpers that make an attn library part of the installed CMake package
# (find_package(Attn CONFIG) -> Attn::<Name>). See docs/library.md.
#
#   add_attn_library(AttnFoo ...)          add_mlir_library + export
#   add_attn_dialect_library(AttnFoo ...)  add_mlir_dialect_library + export
#   attn_export_library(AttnFoo)           export a target made another way
#
# MLIR's add_mlir_library installs into MLIR's own export set (MLIRTargets),
# which an out-of-tree project never installs, so those libraries would reach
# the prefix with no imported target. The wrappers pass DISABLE_INSTALL and
# install into AttnTargets instead. A library under lib/ that skips them is
# still exported (attn_export_unregistered_libraries), so forgetting cannot
# break the package.

include_guard(GLOBAL)

set(ATTN_INSTALL_LIBDIR "lib${LLVM_LIBDIR_SUFFIX}")
set(ATTN_INSTALL_INCLUDEDIR "include")
set(ATTN_INSTALL_PACKAGEDIR "${ATTN_INSTALL_LIBDIR}/cmake/attn")

# Installs `target` into the AttnTargets export set as Attn::<target minus its
# "Attn" prefix> (AttnDialect -> Attn::Dialect) and gives it that name as an
# alias in the build tree too. Safe to call twice.
function(attn_export_library target)
  get_property(exported GLOBAL PROPERTY ATTN_EXPORTED_TARGETS)
  if(target IN_LIST exported)
    return()
  endif()
  string(REGEX REPLACE "^Attn" "" export_name "${target}")
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  target_include_directories(${target} INTERFACE
    $<INSTALL_INTERFACE:${ATTN_INSTALL_INCLUDEDIR}>)
  get_target_property(features ${target} INTERFACE_COMPILE_FEATURES)
  if(NOT "cxx_std_17" IN_LIST features)
    target_compile_features(${target} INTERFACE cxx_std_17)
  endif()
  install(TARGETS ${target}
    EXPORT AttnTargets
    COMPONENT attn-libraries
    LIBRARY DESTINATION ${ATTN_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${ATTN_INSTALL_LIBDIR}
    RUNTIME DESTINATION bin)
  set_property(GLOBAL APPEND PROPERTY ATTN_EXPORTED_TARGETS ${target})
  if(NOT TARGET Attn::${export_name})
    add_library(Attn::${export_name} ALIAS ${target})
  endif()
endfunction()

function(add_attn_library name)
  add_mlir_library(${name} DISABLE_INSTALL ${ARGN})
  attn_export_library(${name})
endfunction()

function(add_attn_dialect_library name)
  add_mlir_dialect_library(${name} DISABLE_INSTALL ${ARGN})
  attn_export_library(${name})
endfunction()

# Exports every static or shared library defined under `dir` (recursively)
# whose name starts with "Attn" and that no helper above has exported.
function(attn_export_unregistered_libraries dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    get_target_property(excluded ${target} EXCLUDE_FROM_ALL)
    if(target MATCHES "^Attn" AND NOT excluded AND
       type MATCHES "^(STATIC|SHARED)_LIBRARY$")
      attn_export_library(${target})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    attn_export_unregistered_libraries(${subdir})
  endforeach()
endfunction()
