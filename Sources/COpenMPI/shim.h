// The handles of Open MPI's mpi.h that Swift cannot import as constants (they are addresses of
// globals, OMPI_PREDEFINED_GLOBAL), exposed as inline functions. Guarded so that a toolchain that
// reads this header without Open MPI installed sees an empty module instead of an error.
#ifndef OBJECTIVES_COPENMPI_SHIM_H
#define OBJECTIVES_COPENMPI_SHIM_H

#if __has_include(<mpi.h>)
#include <mpi.h>

#define COPENMPI_AVAILABLE 1

/// MPI_COMM_WORLD.
static inline MPI_Comm copenmpi_comm_world(void) { return MPI_COMM_WORLD; }
/// MPI_COMM_NULL.
static inline MPI_Comm copenmpi_comm_null(void) { return MPI_COMM_NULL; }
/// MPI_BYTE.
static inline MPI_Datatype copenmpi_byte(void) { return MPI_BYTE; }
/// MPI_INT64_T.
static inline MPI_Datatype copenmpi_int64(void) { return MPI_INT64_T; }
/// MPI_ERRORS_RETURN.
static inline MPI_Errhandler copenmpi_errors_return(void) { return MPI_ERRORS_RETURN; }
/// MPI_UNDEFINED (the colour that leaves a rank out of a split).
static inline int copenmpi_undefined(void) { return MPI_UNDEFINED; }
/// MPI_THREAD_FUNNELED.
static inline int copenmpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
/// MPI_MAX_ERROR_STRING.
static inline int copenmpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }

#endif  // __has_include(<mpi.h>)
#endif  // OBJECTIVES_COPENMPI_SHIM_H
