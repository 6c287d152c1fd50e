using GdpoRealtime.Demo.Cli;

return GdpoCommandLine.Run(args);
