using TradingActors.Cli;

return await Tradectl.RunAsync(args, Console.Out, Console.Error, Console.In);
