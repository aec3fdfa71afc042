// tributary-cli: the headless front end. The commands live in the engine's console module;
// the node catalogue is handed to it here.
#include "console/console.h"
#include "nodes/catalogue.h"

int main(int argc, char** argv) {
  return tributary::console::run(argc, argv, tributary::nodes::builtin_kinds());
}
