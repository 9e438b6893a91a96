use std::cell::RefCell;

use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::dashboard::{Scope, TerritoryDashboard};
use passerelle_domain::diagnostic::Diagnostic;
use passerelle_domain::establishment::EstablishmentInput;
use passerelle_domain::ipc::{
    CommuneArgs, DashboardExportArgs, DiagnosticLinkArgs, EstablishmentDetail,
    EstablishmentListArgs, EstablishmentPage, Exported, NeedListArgs, NeedRow, NoArgs, SiretArgs,
    TableFormat, cmd,
};
use passerelle_domain::map::RegionMap;
use passerelle_domain::need::HiringNeed;
use passerelle_domain::place::CommunePlace;
use passerelle_domain::trade_label::{LabelInput, TradeLabel};

use crate::ipc::call;

thread_local! {
    /// The map never changes while the app runs: asked for once.
    static REGION_MAP: RefCell<Option<RegionMap>> = const { RefCell::new(None) };
}

pub async fn region_map() -> Result<RegionMap, AppError> {
    if let Some(map) = REGION_MAP.with_borrow(Clone::clone) {
        return Ok(map);
    }
    let map = call::<cmd::RegionMapGet>(&NoArgs {}).await?;
    REGION_MAP.set(Some(map.clone()));
    Ok(map)
}

/// Where a Grand Est commune lies (`None`: unknown). The window does not carry the commune
/// table: the shell looks it up.
pub async fn commune_place(insee: String) -> Result<Option<CommunePlace>, AppError> {
    call::<cmd::CommunePlaceGet>(&CommuneArgs { insee }).await
}

pub async fn dashboard(scope: Scope) -> Result<TerritoryDashboard, AppError> {
    call::<cmd::TerritoryDashboardGet>(&scope).await
}

/// `None`: the user cancelled the save dialog.
pub async fn export(scope: Scope, format: TableFormat) -> Result<Option<Exported>, AppError> {
    call::<cmd::DashboardExport>(&DashboardExportArgs { scope, format }).await
}

pub async fn establishments(args: EstablishmentListArgs) -> Result<EstablishmentPage, AppError> {
    call::<cmd::EstablishmentList>(&args).await
}

pub async fn establishment(siret: String) -> Result<EstablishmentDetail, AppError> {
    call::<cmd::EstablishmentGet>(&SiretArgs { siret }).await
}

/// Validated locally first (the shell's rules but the commune's existence, which the shell
/// checks): a form with errors costs no round trip.
pub async fn save_establishment(
    input: EstablishmentInput,
) -> Result<EstablishmentDetail, AppError> {
    input.validated_in_window(crate::today())?;
    call::<cmd::EstablishmentSave>(&input).await
}

pub async fn save_diagnostic(diagnostic: Diagnostic) -> Result<Diagnostic, AppError> {
    let diagnostic = diagnostic.validated(crate::today())?;
    call::<cmd::DiagnosticSave>(&diagnostic).await
}

pub async fn drivers() -> Result<Vec<String>, AppError> {
    call::<cmd::DriverList>(&NoArgs {}).await
}

/// Links a case file to a diagnostic line (`None`: unlinks).
pub async fn link(case_id: CaseId, line_id: Option<i64>) -> Result<(), AppError> {
    call::<cmd::DiagnosticLink>(&DiagnosticLinkArgs { case_id, line_id }).await
}

pub async fn save_need(need: HiringNeed) -> Result<HiringNeed, AppError> {
    let need = need.validated(crate::today())?;
    call::<cmd::NeedSave>(&need).await
}

pub async fn needs(args: NeedListArgs) -> Result<Vec<NeedRow>, AppError> {
    call::<cmd::NeedList>(&args).await
}

pub async fn save_label(input: LabelInput) -> Result<TradeLabel, AppError> {
    call::<cmd::TradeLabelSave>(&input).await
}
