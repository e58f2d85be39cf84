using System.CommandLine;

namespace TradingActors.Cli;

/// <summary>Builds a command whose action runs with a <see cref="CommandContext"/> (node client, output, --json).</summary>
internal sealed class CommandFactory(Func<ParseResult, Func<CommandContext, CancellationToken, Task<int>>, CancellationToken, Task<int>> run)
{
    public Command Leaf(string name, string description, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Add(option);
                    break;
                case Argument argument:
                    command.Add(argument);
                    break;
            }
        }

        command.SetAction((parsed, ct) => run(parsed, (context, token) => body(parsed, context, token), ct));
        return command;
    }

    public static Command Group(string name, string description, params Command[] children)
    {
        var group = new Command(name, description);
        foreach (var child in children)
        {
            group.Add(child);
        }

        return group;
    }
}
