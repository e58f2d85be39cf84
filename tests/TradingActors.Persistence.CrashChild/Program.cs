using System.Globalization;
using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Persistence.CrashChild;
using TradingActors.Persistence.Serialization;

// Persists in a loop until killed, printing "ack <persistence id> <sequence nr>" for every event whose
// handler ran (i.e. whose write was acknowledged). The crash test kills it with SIGKILL at random moments.
// Usage: CrashChild sqlite <file> <actors> | CrashChild postgresql <connection string> <schema> <actors>
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CrashChild sqlite <file> <actors> | CrashChild postgresql <connection string> <schema> <actors>");
    return 2;
}

var options = args[0] == "sqlite"
    ? new JournalOptions { Plugin = JournalPlugin.Sqlite, SqlitePath = args[1] }
    : new JournalOptions { Plugin = JournalPlugin.PostgreSql, PostgreSqlConnectionString = args[1], SchemaName = args[2] };
var actors = int.Parse(args[^1], CultureInfo.InvariantCulture);
var serializer = new EventSerializer().Register<Counted>(Counted.Manifest);

await using var system = ActorSystem.Create("crash-child");
system.AddPersistence(options, serializer);
for (var i = 0; i < actors; i++)
{
    var persistenceId = "crash-" + i.ToString(CultureInfo.InvariantCulture);
    system.ActorOf(Props.Create(() => new CountingActor(persistenceId)));
}

await system.WhenTerminated;
return 0;
