#ifndef COACH_CLIBYAML_SHIM_H
#define COACH_CLIBYAML_SHIM_H
// libyaml, the reference C parser, used through its event API. The module is not called CYaml
// so that it cannot clash with the copy Yams compiles in, should a package bring Yams along.
#include <yaml.h>
#endif
