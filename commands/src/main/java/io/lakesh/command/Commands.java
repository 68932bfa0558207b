package io.lakesh.command;

import io.lakesh.command.fs.*;
import io.lakesh.command.session.*;
import io.lakesh.command.table.*;
import picocli.CommandLine;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry: every command lakesh has, in one plain list. Names come from each class's @Command. */
public final class Commands {
    public static final List<Class<? extends LakeCommand>> ALL = List.of(
            Ls.class, Cd.class, Pwd.class, Cat.class, Head.class, Tail.class, Stat.class,
            Du.class, Df.class, Count.class, Mkdir.class, Touch.class, Rm.class, Mv.class, Cp.class,
            Put.class, Get.class, Find.class, Setrep.class, Checksum.class, Blocks.class,
            MountCommand.class, Umount.class,
            CreateTable.class, Load.class, Describe.class, History.class, Diff.class, Files.class, Manifests.class, Partitions.class,
            Refs.class, Rollback.class, Cherrypick.class, AlterTable.class, RenameTable.class, Drop.class, CatalogCommand.class,
            ExpireSnapshots.class, RemoveOrphans.class, RewriteManifests.class, RewriteData.class, Checkpoint.class, Vacuum.class, Delete.class, Register.class,
            io.lakesh.command.sql.SqlCommand.class, io.lakesh.command.sql.TrinoCommand.class, io.lakesh.command.sql.CacheCommand.class,
            HealthCommand.class, InitCommand.class, ClusterCommand.class,
            Sleep.class, FormatCommand.class, TimingCommand.class, EngineCommand.class, ShellHistory.class, Help.class,
            Exit.class);

    private static volatile Map<String, Class<? extends LakeCommand>> byName;

    static {
        // picocli otherwise loads groovy.lang.Closure when Groovy is on the class path, which starts
        // Groovy's whole runtime (~0.7 s) before the first prompt; lakesh never puts closures in annotations
        System.setProperty("picocli.disable.closures", "true");
    }

    private Commands() {
    }

    /** Names (and aliases) to classes, in registry order. */
    public static Map<String, Class<? extends LakeCommand>> byName() {
        if (byName == null) {
            Map<String, Class<? extends LakeCommand>> m = new LinkedHashMap<>();
            for (Class<? extends LakeCommand> c : ALL) {
                CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
                m.put(a.name(), c);
                for (String alias : a.aliases()) {
                    m.put(alias, c);
                }
            }
            byName = m;
        }
        return byName;
    }

    public static Class<? extends LakeCommand> find(String name) {
        return byName().get(name);
    }

    public static String description(Class<? extends LakeCommand> c) {
        String[] d = c.getAnnotation(CommandLine.Command.class).description();
        return d.length == 0 ? "" : d[0];
    }

    public static LakeCommand instantiate(Class<? extends LakeCommand> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create command " + type.getName(), e);
        }
    }

    /** The picocli view of a command: parsing, help and the options the completer offers. */
    public static CommandLine commandLine(LakeCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.getCommandSpec().usageMessage().width(100);
        return cl;
    }

    /** ` (did you mean 'ls'?)` for a near miss, else nothing. */
    public static String suggestion(String typed) {
        String best = io.lakesh.Names.closest(typed, byName().keySet());
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Every command name with its one-line description, for `help`. */
    public static List<String[]> summary() {
        List<String[]> out = new ArrayList<>();
        for (Class<? extends LakeCommand> c : ALL) {
            out.add(new String[] {c.getAnnotation(CommandLine.Command.class).name(), description(c)});
        }
        return out;
    }
}
