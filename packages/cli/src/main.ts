// Placeholder entry point; the CLI issue replaces this with the commander program.
process.stdout.write('mmcl: no commands yet\n');
