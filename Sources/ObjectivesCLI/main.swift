import Objectives

// The command-line front end; commands are added by the CLI work.
print("objectives: no commands yet")
