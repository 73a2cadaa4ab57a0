using EscalationDsl.Cli;

return EscApp.Run(args, CliConsole.System(), handleSignals: true);
