use super::CommandResult;

pub fn print_schema() -> CommandResult {
    print!("{}", pactes_api::sdl());
    Ok(())
}
