"""defnews models list|install|use|remove|path: the Argos packages."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from defnews import options as opt
from defnews.commands import handle_errors, stderr_console
from defnews.errors import InputError

app = typer.Typer(help="Manage Argos Translate packages (the translation model).",
                  no_args_is_help=True)


@app.command("list")
@handle_errors
def list_(json_out: bool = opt.JSON) -> None:
    """List installed packages; the German→English one marked as active.

    Example:

      defnews models list --json
    """
    from defnews import models, paths
    from defnews.models_install import clean_stale
    from defnews.renderers.models import render_list

    clean_stale(paths.packages_dir())  # what killed installs of older versions left
    typer.echo(render_list(paths.packages_dir(), models.list_rows(), json_out=json_out))


@app.command("install")
@handle_errors
def install(
    file: Path | None = typer.Option(None, "--file", help="Install a local .argosmodel file."),
    replace: bool = typer.Option(False, "--replace",
                                 help="Remove the other installed versions of the same pair."),
    offline: bool | None = opt.OFFLINE,
    quiet: bool | None = opt.QUIET,
) -> None:
    """Install the German→English package: from the Argos index, or --file.

    The installed package becomes the active one. Other versions of the pair stay (say how
    to remove them) unless --replace removes them.

    Examples:

      defnews models install

      defnews models install --file translate-de_en-1_0.argosmodel --replace
    """
    from defnews import models_index, models_install

    settings = opt.resolve(dict(offline=offline, quiet=quiet))
    opt.apply_offline(settings)
    if file is not None:
        if not file.exists():
            raise InputError(f"{file} does not exist")
        installed = models_install.install_file(file)
    elif settings["quiet"] or not sys.stderr.isatty():
        installed = models_index.download_and_install(offline=settings["offline"])
    else:
        from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

        with Progress("Downloading", DownloadColumn(), TransferSpeedColumn(),
                      transient=True, console=stderr_console()) as bar:
            task = bar.add_task("download", total=None)

            def step(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            installed = models_index.download_and_install(offline=settings["offline"],
                                                          progress=step)
    typer.echo(f"Installed {installed.name} ({installed.from_code}→{installed.to_code}, "
               f"v{installed.version}) in {installed.path}; it is the active package")
    older = models_install.older_versions(installed)
    for other in older:
        if replace:
            models_install.remove(other.name)
            typer.echo(f"Removed {other.name} (v{other.version})")
        else:
            typer.echo(f"Also installed: {other.name} (v{other.version}); remove it with: "
                       f"defnews models remove {other.name}  (or install with --replace)",
                       err=True)


@app.command("use")
@handle_errors
def use(name: str = typer.Argument(..., help="Folder name, package file or index name, "
                                               "or language pair (case-insensitive).")) -> None:
    """Make an installed package the one defnews translates with.

    Example:

      defnews models use translate-de_en-1_0
    """
    from defnews import models

    chosen = models.use(name)
    typer.echo(f"Using {chosen.name} (v{chosen.version}) at {chosen.path}")


@app.command("remove")
@handle_errors
def remove(
    name: str | None = typer.Argument(None, help="Package name (default: the active de→en)."),
) -> None:
    """Remove an installed package.

    Example:

      defnews models remove translate-de_en-1_0
    """
    from defnews import models_install

    removed = models_install.remove(name)
    typer.echo(f"Removed {removed.name} from {removed.path.parent}")


@app.command("path")
@handle_errors
def path() -> None:
    """Print the package folder (and the active model's folder, if any).

    Example:

      ls "$(defnews models path | head -1)"
    """
    from defnews import models, paths
    from defnews.errors import DefnewsError

    typer.echo(str(paths.packages_dir()))
    try:
        typer.echo(str(models.find_model().path))
    except DefnewsError:
        pass
