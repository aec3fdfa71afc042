// tributary-cli: the headless front end. Every command lives in the engine's console module.
#include "console/console.h"

int main(int argc, char** argv) { return tributary::console::run(argc, argv); }
