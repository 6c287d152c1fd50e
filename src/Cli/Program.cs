using GdpoRealtime.Cli.CommandLine;

return GdpoCommandLine.Run(args);
