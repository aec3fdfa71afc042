// Crash injection for recovery tests: with TRIBUTARY_FAILPOINT="name:n" in the environment,
// the n-th time the engine passes failpoint("name") the process is killed with SIGKILL, as a
// power cut or `kill -9` would stop it at that exact step. Without the variable it costs a
// load and a branch.
#pragma once

namespace tributary {

void failpoint(const char* name);

}  // namespace tributary
