"""The dbt project, alone in its module: dagster-dbt reads its manifest at import."""

from dagster_dbt import DbtProject

from dagster_project.lib.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
