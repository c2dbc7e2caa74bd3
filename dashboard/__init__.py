"""Poverty-registration (建档立卡) analytics dashboard: builder, query layer and Streamlit pages."""

__version__ = "0.1.0"
